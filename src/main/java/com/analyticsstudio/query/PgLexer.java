package com.analyticsstudio.query;

import com.analyticsstudio.common.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small lexer that splits SQL text the way PostgreSQL 15's scanner does (with {@code
 * standard_conforming_strings = on}, which the executor forces for every query).
 *
 * <p>It is deliberately independent of JSqlParser: the guard executes the <em>original</em> text,
 * so any place where the Java parser and PostgreSQL disagree about where a string, identifier or
 * comment ends is a hole. This lexer refuses the constructs where such disagreements are known to
 * happen (nested block comments, dollar quoting, backslash escapes in {@code E''} strings, {@code
 * U&} Unicode escapes, bit/hex string prefixes) and hands the guard PostgreSQL's view of the token
 * stream: a statement count, the identifiers, and the string literals, which the guard cross-checks
 * against the parse tree.
 */
final class PgLexer {

  enum Kind {
    IDENT,
    QUOTED_IDENT,
    STRING,
    NUMBER,
    OPERATOR,
    SEMICOLON,
    /** A positional parameter {@code $n}; {@code text} is {@code $} and the number, normalised. */
    PARAM
  }

  /** The most positional parameters a query may have (PostgreSQL's own limit is 65535). */
  static final int MAX_PARAMS = 100;

  /**
   * One token; {@code text} is the identifier (lower-cased if unquoted), the raw string body, or
   * the symbol; {@code end} is the offset just after the token in the SQL text.
   */
  record Token(Kind kind, String text, int start, int end) {}

  private final String sql;
  private int pos;
  private int tokenStart;
  private final List<Token> tokens = new ArrayList<>();

  private PgLexer(String sql) {
    this.sql = sql;
  }

  /**
   * Tokenises {@code sql}; comments and whitespace are dropped. Throws a 400 ApiException on
   * refused constructs.
   */
  static List<Token> tokenize(String sql) {
    PgLexer lexer = new PgLexer(sql);
    lexer.run();
    return lexer.tokens;
  }

  private static ApiException refuse(String code, String message) {
    return ApiException.badRequest(code, message);
  }

  private void run() {
    int n = sql.length();
    while (pos < n) {
      char c = sql.charAt(pos);
      tokenStart = pos;
      if (c == '\0') {
        throw refuse("syntax_error", "the query contains a NUL character");
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
        pos++;
      } else if (c == '-' && peek(1) == '-') {
        while (pos < n && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') pos++;
      } else if (c == '/' && peek(1) == '*') {
        blockComment();
      } else if (c == '/' && peek(1) == '/') {
        // JSqlParser skips "//" to the end of the line as a comment; PostgreSQL reads code there
        // ("4 //* */ f()" is "4 / f()" for PostgreSQL). PostgreSQL has no "//" operator, so refuse.
        throw refuse("unsupported_syntax", "\"//\" is not valid in PostgreSQL queries");
      } else if (c == '\'') {
        string(false);
      } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
        pos++;
        string(true);
      } else if ((c == 'n' || c == 'N') && peek(1) == '\'') {
        pos++;
        string(false);
      } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && peek(1) == '\'') {
        throw refuse(
            "unsupported_syntax",
            "bit-string and hex-string literals (B'…', X'…') are not supported");
      } else if ((c == 'u' || c == 'U') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
        throw refuse(
            "unsupported_syntax", "Unicode escape syntax (U&'…' / U&\"…\") is not supported");
      } else if (c == '"') {
        quotedIdent();
      } else if (c == '$') {
        if (isDigit(peek(1))) {
          parameter();
          continue;
        }
        throw refuse("unsupported_syntax", "dollar-quoted strings ($$…$$) are not supported");
      } else if (c == ';') {
        pos++;
        tokens.add(new Token(Kind.SEMICOLON, ";", tokenStart, pos));
      } else if (isIdentStart(c)) {
        int start = pos;
        while (pos < n && isIdentPart(sql.charAt(pos))) pos++;
        String ident = sql.substring(start, pos);
        checkLength(ident);
        tokens.add(new Token(Kind.IDENT, foldAscii(ident), tokenStart, pos));
      } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
        // PostgreSQL 15: digits [. digits] [e [+-] digits]; letters right after a number start a
        // new identifier token ("1version" is "1" and "version").
        int start = pos;
        while (pos < n && isDigit(sql.charAt(pos))) pos++;
        if (pos < n && sql.charAt(pos) == '.' && !(peek(1) == '.')) {
          pos++;
          while (pos < n && isDigit(sql.charAt(pos))) pos++;
        }
        if (pos < n && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
          int save = pos;
          pos++;
          if (pos < n && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) pos++;
          if (pos < n && isDigit(sql.charAt(pos))) {
            while (pos < n && isDigit(sql.charAt(pos))) pos++;
          } else {
            pos = save;
          }
        }
        tokens.add(new Token(Kind.NUMBER, sql.substring(start, pos), tokenStart, pos));
      } else {
        pos++;
        tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), tokenStart, pos));
      }
    }
  }

  /**
   * {@code $n} as PostgreSQL 15 reads it: digits after the dollar; a letter, underscore or dollar
   * right after them is refused (PostgreSQL versions differ on what {@code $1a} is), and so is a
   * number beyond {@link #MAX_PARAMS}.
   */
  private void parameter() {
    int start = ++pos;
    while (pos < sql.length() && isDigit(sql.charAt(pos))) pos++;
    if (pos < sql.length() && isIdentPart(sql.charAt(pos))) {
      throw refuse(
          "syntax_error",
          "a query parameter must be $ and a number, followed by a space or symbol");
    }
    String digits = sql.substring(start, pos);
    int n = digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    if (n < 1 || n > MAX_PARAMS) {
      throw refuse(
          "syntax_error",
          "query parameters are numbered $1 to $" + MAX_PARAMS + "; got $" + digits);
    }
    tokens.add(new Token(Kind.PARAM, "$" + n, tokenStart, pos));
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < sql.length() ? sql.charAt(i) : '\0';
  }

  private void blockComment() {
    // PostgreSQL nests block comments; JSqlParser does not. Refuse nesting instead of guessing.
    pos += 2;
    while (pos < sql.length()) {
      if (sql.charAt(pos) == '*' && peek(1) == '/') {
        pos += 2;
        return;
      }
      if (sql.charAt(pos) == '/' && peek(1) == '*') {
        throw refuse("unsupported_syntax", "nested block comments are not supported");
      }
      pos++;
    }
    throw refuse("syntax_error", "the query has an unterminated /* comment");
  }

  private void string(boolean escapeString) {
    pos++; // opening quote
    StringBuilder body = new StringBuilder();
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (c == '\'') {
        if (peek(1) == '\'') {
          body.append("''");
          pos += 2;
          continue;
        }
        pos++;
        tokens.add(new Token(Kind.STRING, body.toString(), tokenStart, pos));
        return;
      }
      if (escapeString && c == '\\') {
        throw refuse("unsupported_syntax", "backslash escapes in E'…' strings are not supported");
      }
      body.append(c);
      pos++;
    }
    throw refuse("syntax_error", "the query has an unterminated string literal");
  }

  private void quotedIdent() {
    pos++;
    StringBuilder body = new StringBuilder();
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (c == '"') {
        if (peek(1) == '"') {
          body.append('"');
          pos += 2;
          continue;
        }
        pos++;
        if (body.length() == 0) {
          throw refuse("syntax_error", "zero-length quoted identifier");
        }
        checkLength(body.toString());
        tokens.add(new Token(Kind.QUOTED_IDENT, body.toString(), tokenStart, pos));
        return;
      }
      body.append(c);
      pos++;
    }
    throw refuse("syntax_error", "the query has an unterminated quoted identifier");
  }

  /** PostgreSQL truncates longer names to 63 bytes, which could make them mean something else. */
  private static void checkLength(String ident) {
    if (ident.getBytes(StandardCharsets.UTF_8).length > 63) {
      throw refuse("syntax_error", "names longer than 63 bytes are not supported");
    }
  }

  /**
   * PostgreSQL folds unquoted identifiers to lower case for ASCII letters only (UTF-8 databases).
   */
  static String foldAscii(String ident) {
    StringBuilder sb = new StringBuilder(ident.length());
    for (int i = 0; i < ident.length(); i++) {
      char c = ident.charAt(i);
      sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return sb.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** As PostgreSQL's scanner: ASCII letters, underscore, and every non-ASCII character. */
  private static boolean isIdentStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c > 127;
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == '$';
  }
}
