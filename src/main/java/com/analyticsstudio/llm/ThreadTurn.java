package com.analyticsstudio.llm;

import io.vertx.core.json.JsonObject;

/**
 * An earlier exchange of the same Ask thread, so a follow-up ("and by month?") can build on it.
 *
 * @param question what was asked
 * @param sql the SQL that answered it (may be empty when it was not answerable)
 */
public record ThreadTurn(String question, String sql) {
  public ThreadTurn {
    question = question == null ? "" : question;
    sql = sql == null ? "" : sql;
  }

  public JsonObject toJson() {
    return new JsonObject().put("question", question).put("sql", sql);
  }

  public static ThreadTurn fromJson(JsonObject j) {
    return new ThreadTurn(Messages.string(j, "question"), Messages.string(j, "sql"));
  }
}
