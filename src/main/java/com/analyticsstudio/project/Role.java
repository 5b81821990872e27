package com.analyticsstudio.project;

import java.util.Locale;

/** A member's role, in increasing power: viewers read, editors change data, owners manage. */
public enum Role {
  VIEWER,
  EDITOR,
  OWNER;

  public boolean atLeast(Role other) {
    return ordinal() >= other.ordinal();
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
