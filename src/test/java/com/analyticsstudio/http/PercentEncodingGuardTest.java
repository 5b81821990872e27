package com.analyticsstudio.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.analyticsstudio.common.ApiException;
import org.junit.jupiter.api.Test;

class PercentEncodingGuardTest {

  @Test
  void wellFormedQueriesPass() {
    for (String q :
        new String[] {
          "q=%25",
          "q=100%25&limit=5",
          "q=S%C3%A3o+Paulo",
          "q=%2541",
          "a=&b",
          "",
          "q=plain",
          "q=%e2%82%ac"
        }) {
      assertThat(PercentEncodingGuard.check(q)).as(q).isNull();
    }
  }

  @Test
  void aMalformedEscapeIsRefusedNamingTheParameter() {
    ApiException e = PercentEncodingGuard.check("limit=5&cursor=%%%");
    assertThat(e).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("validation_failed");
    assertThat(e.details().getString("location")).isEqualTo("query.cursor");
    assertThat(e.details().getString("type")).isEqualTo("invalid_value");
    assertThat(e.getMessage()).contains("\"%%%\"").contains("%25");
  }

  @Test
  void everyKindOfBrokenEscapeIsRefused() {
    for (String q :
        new String[] {"q=%zz", "q=abc%", "q=%4", "q=%G1", "q=%25%zz", "q=%%", "q=%4 "}) {
      ApiException e = PercentEncodingGuard.check(q);
      assertThat(e).as(q).isNotNull();
      assertThat(e.details().getString("location")).as(q).isEqualTo("query.q");
    }
  }

  @Test
  void aBrokenNameIsLocatedAtTheQuery() {
    ApiException e = PercentEncodingGuard.check("limit=5&%zz=1");
    assertThat(e.details().getString("location")).isEqualTo("query");
  }

  @Test
  void escapesThatAreNotUtf8AreRefusedRatherThanReplaced() {
    // Latin-1 "é" and a lone continuation byte: Netty would decode both to U+FFFD.
    for (String q : new String[] {"q=caf%E9", "q=%80", "q=%C3%28"}) {
      ApiException e = PercentEncodingGuard.check(q);
      assertThat(e).as(q).isNotNull();
      assertThat(e.getMessage()).as(q).contains("UTF-8");
    }
  }

  @Test
  void theParameterNameInTheMessageIsDecoded() {
    ApiException e = PercentEncodingGuard.check("sort%5Fby=%zz");
    assertThat(e.details().getString("location")).isEqualTo("query.sort_by");
  }
}
