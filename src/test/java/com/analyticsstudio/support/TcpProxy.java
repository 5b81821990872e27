package com.analyticsstudio.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of PostgreSQL that a test can cut and restore, to play an outage without
 * touching the real server.
 */
public final class TcpProxy implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private NetServer server;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = TestApp.freePort();
    up();
  }

  public int port() {
    return port;
  }

  /** Accepts connections and forwards them. */
  public void up() {
    server =
        vertx
            .createNetServer()
            .connectHandler(
                front -> {
                  front.pause();
                  client
                      .connect(targetPort, targetHost)
                      .onSuccess(
                          back -> {
                            open.add(front);
                            open.add(back);
                            front.handler(back::write);
                            back.handler(front::write);
                            front.closeHandler(
                                v -> {
                                  back.close();
                                  open.remove(front);
                                });
                            back.closeHandler(
                                v -> {
                                  front.close();
                                  open.remove(back);
                                });
                            front.resume();
                          })
                      .onFailure(e -> front.close());
                });
    try {
      server.listen(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Refuses new connections and cuts the open ones, like a database that went away. */
  public void down() {
    try {
      server.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    open.forEach(NetSocket::close);
    open.clear();
  }

  @Override
  public void close() {
    vertx.close();
  }
}
