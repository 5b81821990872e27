package com.analyticsstudio.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it; optionally refuses to read past a limit (zip bombs). */
final class CountingInputStream extends FilterInputStream {
  private long count;
  private final long limit;
  private final String what;

  CountingInputStream(InputStream in) {
    this(in, Long.MAX_VALUE, null);
  }

  CountingInputStream(InputStream in, long limit, String what) {
    super(in);
    this.limit = limit;
    this.what = what;
  }

  long count() {
    return count;
  }

  private void add(long n) {
    if (n > 0) {
      count += n;
      if (count > limit) {
        throw IngestErrors.tooLarge("The " + what + " expands to more than " + (limit >> 20)
            + " MiB when uncompressed; this looks like a zip bomb and is refused.", limit);
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
