package com.analyticsstudio.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A capped list of human-readable warnings: the first {@code cap} verbatim, then a count line. */
final class Warnings {
  private final int cap;
  private final List<String> items = new ArrayList<>();
  private long dropped;

  Warnings(int cap) {
    this.cap = Math.max(0, cap);
  }

  void add(String warning) {
    if (items.size() < cap) {
      items.add(warning);
    } else {
      dropped++;
    }
  }

  long total() {
    return items.size() + dropped;
  }

  List<String> list() {
    if (dropped == 0) {
      return Collections.unmodifiableList(new ArrayList<>(items));
    }
    List<String> out = new ArrayList<>(items);
    out.add("... and " + dropped + " more warning" + (dropped == 1 ? "" : "s"));
    return Collections.unmodifiableList(out);
  }
}
