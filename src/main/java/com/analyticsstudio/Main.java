package com.analyticsstudio;

/** Entry point; filled in by the platform core. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
  }
}
