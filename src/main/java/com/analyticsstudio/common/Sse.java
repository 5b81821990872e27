package com.analyticsstudio.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Server-sent events as this API writes them: every event has an {@code id:}. The streams send
 * whole states (each event carries everything a client needs, not a change), so the id is a digest
 * of the event's name and data: a client that reconnects with {@code Last-Event-ID} is sent the
 * current state unless it is the one that id names, and missed intermediate states need no replay.
 */
public final class Sse {
  /** Milliseconds a client waits before reconnecting, sent once at the start of a stream. */
  public static final int RETRY_MS = 1000;

  private Sse() {}

  /** The {@code retry:} line that opens a stream. */
  public static String retry() {
    return "retry: " + RETRY_MS + "\n\n";
  }

  /** One event: {@code id}, {@code event} and one {@code data} line (JSON has no raw newlines). */
  public static String event(String name, String data) {
    return "id: " + id(name, data) + "\nevent: " + name + "\ndata: " + data + "\n\n";
  }

  /** The id of an event: 22 base64url characters of the SHA-256 of its name and data. */
  public static String id(String name, String data) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((name + "\n" + data).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** One event of a stream that is not resumable (a POST): a sequence number as its id. */
  public static String event(long sequence, String name, String data) {
    return "id: " + sequence + "\nevent: " + name + "\ndata: " + data + "\n\n";
  }
}
