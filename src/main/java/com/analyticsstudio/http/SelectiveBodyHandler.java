package com.analyticsstudio.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.BiPredicate;

/**
 * Buffers JSON bodies for ordinary routes, but leaves streaming routes (uploads) alone: their
 * request is paused so no byte is lost while authentication runs, and their handler reads it.
 */
final class SelectiveBodyHandler implements BodyHandler {
  private final BodyHandler delegate;
  private final BiPredicate<HttpMethod, String> streaming;

  SelectiveBodyHandler(BodyHandler delegate, BiPredicate<HttpMethod, String> streaming) {
    this.delegate = delegate;
    this.streaming = streaming;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (streaming.test(ctx.request().method(), ctx.normalizedPath())) {
      ctx.request().pause();
      ctx.next();
    } else {
      delegate.handle(ctx);
    }
  }

  @Override
  public BodyHandler setHandleFileUploads(boolean v) {
    delegate.setHandleFileUploads(v);
    return this;
  }

  @Override
  public BodyHandler setBodyLimit(long v) {
    delegate.setBodyLimit(v);
    return this;
  }

  @Override
  public BodyHandler setUploadsDirectory(String v) {
    delegate.setUploadsDirectory(v);
    return this;
  }

  @Override
  public BodyHandler setMergeFormAttributes(boolean v) {
    delegate.setMergeFormAttributes(v);
    return this;
  }

  @Override
  public BodyHandler setDeleteUploadedFilesOnEnd(boolean v) {
    delegate.setDeleteUploadedFilesOnEnd(v);
    return this;
  }

  @Override
  public BodyHandler setPreallocateBodyBuffer(boolean v) {
    delegate.setPreallocateBodyBuffer(v);
    return this;
  }
}
