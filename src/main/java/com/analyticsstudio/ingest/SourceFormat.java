package com.analyticsstudio.ingest;

/** The file formats the ingest library reads. */
public enum SourceFormat {
  CSV,
  XLSX,
  XLS
}
