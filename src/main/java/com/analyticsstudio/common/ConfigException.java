package com.analyticsstudio.common;

/** A setting that cannot be used; the message names the variable and says what is expected. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}
