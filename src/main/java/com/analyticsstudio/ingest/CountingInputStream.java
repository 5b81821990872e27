package com.analyticsstudio.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it; optionally charges them to a {@link Budget} shared by several
 * streams, which refuses (413) to read past its limit (zip bombs).
 */
final class CountingInputStream extends FilterInputStream {

  /** A cap on the bytes read through all streams that share it. */
  static final class Budget {
    private final long limit;
    private final String what;
    private long used;

    Budget(long limit, String what) {
      this.limit = limit;
      this.what = what;
    }

    void charge(long n) {
      used += n;
      if (used > limit) {
        throw IngestErrors.tooLarge(
            "The "
                + what
                + " expands to more than "
                + (limit >> 20)
                + " MiB when uncompressed; this looks like a zip bomb and is refused.",
            limit);
      }
    }
  }

  private long count;
  private final Budget budget;

  CountingInputStream(InputStream in) {
    this(in, null);
  }

  CountingInputStream(InputStream in, Budget budget) {
    super(in);
    this.budget = budget;
  }

  long count() {
    return count;
  }

  private void add(long n) {
    if (n > 0) {
      count += n;
      if (budget != null) {
        budget.charge(n);
      }
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    add(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = super.skip(n);
    add(s);
    return s;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
