package com.analyticsstudio.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a formula into tokens with their 1-based positions. */
final class FormulaLexer {
  /** Longest formula accepted, in characters. */
  static final int MAX_LENGTH = 10_000;

  enum Kind {
    NUMBER,
    STRING,
    IDENT,
    QUOTED_IDENT,
    OP,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    STAR,
    END
  }

  /**
   * {@code text} is the value (identifier folded to lower case unless quoted; string unescaped).
   */
  record Token(Kind kind, String text, int pos, int len) {
    boolean is(Kind k, String t) {
      return kind == k && text.equals(t);
    }

    boolean isWord(String word) {
      return kind == Kind.IDENT && text.equals(word);
    }
  }

  private FormulaLexer() {}

  static List<Token> tokens(String src) {
    if (src.length() > MAX_LENGTH) {
      throw new FormulaError(
          "the formula is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1, 1);
    }
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(src.charAt(i + 1))) {
        while (i < n && isDigit(src.charAt(i))) i++;
        if (i < n && src.charAt(i) == '.') {
          i++;
          while (i < n && isDigit(src.charAt(i))) i++;
        }
        if (i < n && (Character.isLetter(src.charAt(i)) || src.charAt(i) == '_')) {
          throw new FormulaError("a number cannot run into a name", i + 1, 1);
        }
        out.add(new Token(Kind.NUMBER, src.substring(start, i), start + 1, i - start));
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) i++;
        out.add(
            new Token(
                Kind.IDENT,
                src.substring(start, i).toLowerCase(Locale.ROOT),
                start + 1,
                i - start));
      } else if (c == '\'') {
        StringBuilder v = new StringBuilder();
        i++;
        while (true) {
          if (i >= n)
            throw new FormulaError("the string is not closed (a ' is missing)", start + 1, 1);
          char d = src.charAt(i);
          if (d == '\'') {
            if (i + 1 < n && src.charAt(i + 1) == '\'') {
              v.append('\'');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          v.append(d);
          i++;
        }
        out.add(new Token(Kind.STRING, v.toString(), start + 1, i - start));
      } else if (c == '"' || c == '`') {
        int end = src.indexOf(c, i + 1);
        if (end < 0)
          throw new FormulaError(
              "the quoted name is not closed (a " + c + " is missing)", start + 1, 1);
        String name = src.substring(i + 1, end);
        if (name.isEmpty()) throw new FormulaError("a quoted name cannot be empty", start + 1, 2);
        i = end + 1;
        out.add(new Token(Kind.QUOTED_IDENT, name, start + 1, i - start));
      } else if (c == '(') {
        out.add(new Token(Kind.LPAREN, "(", ++i, 1));
      } else if (c == ')') {
        out.add(new Token(Kind.RPAREN, ")", ++i, 1));
      } else if (c == ',') {
        out.add(new Token(Kind.COMMA, ",", ++i, 1));
      } else if (c == '.') {
        out.add(new Token(Kind.DOT, ".", ++i, 1));
      } else if (c == '*') {
        out.add(new Token(Kind.STAR, "*", ++i, 1));
      } else if (c == '+' || c == '-' || c == '/') {
        out.add(new Token(Kind.OP, String.valueOf(c), ++i, 1));
      } else if (c == '=') {
        i += i + 1 < n && src.charAt(i + 1) == '=' ? 2 : 1;
        out.add(new Token(Kind.OP, "=", start + 1, i - start));
      } else if (c == '!' && i + 1 < n && src.charAt(i + 1) == '=') {
        i += 2;
        out.add(new Token(Kind.OP, "!=", start + 1, 2));
      } else if (c == '<' || c == '>') {
        String op = String.valueOf(c);
        if (i + 1 < n && src.charAt(i + 1) == '=') {
          op += "=";
        } else if (c == '<' && i + 1 < n && src.charAt(i + 1) == '>') {
          op = "!=";
        }
        i += op.equals(String.valueOf(c)) ? 1 : 2;
        out.add(new Token(Kind.OP, op, start + 1, i - start));
      } else {
        throw new FormulaError("unexpected character '" + c + "'", start + 1, 1);
      }
    }
    out.add(new Token(Kind.END, "", n + 1, 1));
    return out;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
