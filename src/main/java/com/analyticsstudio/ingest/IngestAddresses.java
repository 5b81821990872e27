package com.analyticsstudio.ingest;

/** Event-bus addresses of the Ingest verticle. */
public final class IngestAddresses {
  /**
   * Load a dataset version: body {@link LoadRequest#toJson()}, reply the dataset JSON or a failure
   * (status, error JSON).
   */
  public static final String LOAD = "ingest.load";

  private IngestAddresses() {}
}
