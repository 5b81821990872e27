package com.analyticsstudio.ingest;

/** Receives load progress; called on the loading thread, so keep it cheap. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (rows, bytes) -> {};

  /**
   * @param rowsDone rows sent to PostgreSQL so far
   * @param bytesRead bytes of the source file consumed so far (best effort for XLSX/XLS)
   */
  void onProgress(long rowsDone, long bytesRead);
}
