package com.analyticsstudio.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  private static List<String> lowers(String q) {
    return Text.tokenize(q).stream().map(Token::lower).toList();
  }

  @Test
  void tokenizeSplitsWordsNumbersAndOperatorsAndDropsPunctuation() {
    assertThat(lowers("What's the avg temp_max where wind >= 8.5?"))
        .containsExactly("what", "the", "avg", "temp", "max", "where", "wind", ">=", "8.5");
  }

  @Test
  void tokenizeReadsGroupedNegativeAndSuffixedNumbers() {
    List<Token> t = Text.tokenize("over 1,000 and below -5 or 2.5k");
    assertThat(t.get(1).number()).isEqualByComparingTo("1000");
    assertThat(t.get(4).number()).isEqualByComparingTo("-5");
    assertThat(t.get(6).number()).isEqualByComparingTo("2500");
  }

  @Test
  void aHyphenBetweenYearsIsNotAMinusSign() {
    assertThat(Text.tokenize("2012-2013").stream().map(Token::number).toList())
        .containsExactly(new BigDecimal("2012"), new BigDecimal("2013"));
  }

  @Test
  void yearsAreFourDigitWholeNumbersInRange() {
    assertThat(Text.tokenize("2014").get(0).isYear()).isTrue();
    assertThat(Text.tokenize("60").get(0).isYear()).isFalse();
    assertThat(Text.tokenize("2014.5").get(0).isYear()).isFalse();
  }

  @Test
  void stemmingMeetsPluralsAndKeepsShortWords() {
    assertThat(Text.stem("symbols")).isEqualTo("symbol");
    assertThat(Text.stem("days")).isEqualTo("day");
    assertThat(Text.stem("cities")).isEqualTo("city");
    assertThat(Text.stem("countries")).isEqualTo("country");
    assertThat(Text.stem("hurricanes")).isEqualTo("hurricane");
    assertThat(Text.stem("boxes")).isEqualTo("box");
    assertThat(Text.stem("gas")).isEqualTo("gas");
    assertThat(Text.stem("status")).isEqualTo("status");
    assertThat(Text.stem("analysis")).isEqualTo("analysis");
  }

  @Test
  void adjectivesInYGiveTheirNoun() {
    assertThat(Text.adjectiveBase("rainy")).isEqualTo("rain");
    assertThat(Text.adjectiveBase("sunny")).isEqualTo("sun");
    assertThat(Text.adjectiveBase("foggy")).isEqualTo("fog");
    assertThat(Text.adjectiveBase("snowy")).isEqualTo("snow");
    assertThat(Text.adjectiveBase("rain")).isNull();
  }

  @Test
  void wordsSplitSnakeCamelAndLabels() {
    assertThat(Text.words("temp_max")).containsExactly("temp", "max");
    assertThat(Text.words("TempMax")).containsExactly("temp", "max");
    assertThat(Text.words("Cost Total $")).containsExactly("cost", "total");
  }

  @Test
  void editDistanceStopsAtItsLimit() {
    assertThat(Text.distance("temprature", "temperature", 2)).isEqualTo(1);
    assertThat(Text.distance("kitten", "sitting", 3)).isEqualTo(3);
    assertThat(Text.distance("pirce", "price", 1)).isEqualTo(1);
    assertThat(Text.distance("abc", "xyzxyz", 1)).isEqualTo(2);
    assertThat(Text.typoBudget("wind")).isZero();
    assertThat(Text.typoBudget("symbol")).isEqualTo(1);
    assertThat(Text.typoBudget("temperature")).isEqualTo(2);
  }
}
