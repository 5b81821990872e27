package com.analyticsstudio.query;

import com.analyticsstudio.common.LocalCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * The immutable messages of {@link QueryAddresses}, passed by reference through {@link LocalCodec}
 * (no JSON copy on the hot path). Job replies stay JSON: they are small and rare.
 */
public final class QueryMessages {
  private QueryMessages() {}

  /**
   * A query's result JSON ({@code {cached, elapsedMs, columns, rows, rowCount, truncated}}),
   * encoded once.
   */
  public record Reply(Buffer body) {}

  /**
   * Plan {@code sql} with its parameter values ({@code $1}, …) for the caller without running it.
   */
  public record Explain(UUID projectId, UUID userId, String sql, List<Object> params) {}

  /** One job of the caller's project. */
  public record Job(UUID projectId, UUID userId, UUID jobId) {}

  /**
   * A page of the project's jobs, newest first: {@code limit} jobs after the position {@code after}
   * ({@code {t, id}} of the last job of the previous page, null for the first page).
   */
  public record JobList(UUID projectId, UUID userId, int limit, JsonObject after) {}

  /** A page of a finished job's rows. */
  public record JobPage(UUID projectId, UUID userId, UUID jobId, long offset, int limit) {}

  /** Stream {@code call}'s rows to the caller's sink, listening at {@code sinkAddress}. */
  public record Export(QueryCall call, String sinkAddress) {}

  /**
   * One delivery to an export's sink: the columns first ({@code rows} null), then batches of rows
   * ({@code columns} null). The sink replies when it is ready for the next one.
   */
  public record Batch(List<QueryResult.Column> columns, List<List<Object>> rows) {}

  /** Registers the local codecs of every message type on {@code bus}; once per Vert.x instance. */
  public static void registerCodecs(EventBus bus) {
    LocalCodec.register(bus, QueryCall.class);
    LocalCodec.register(bus, Reply.class);
    LocalCodec.register(bus, Explain.class);
    LocalCodec.register(bus, Job.class);
    LocalCodec.register(bus, JobPage.class);
    LocalCodec.register(bus, JobList.class);
    LocalCodec.register(bus, Export.class);
    LocalCodec.register(bus, Batch.class);
    LocalCodec.register(bus, QueryExecutor.StreamSummary.class);
  }
}
