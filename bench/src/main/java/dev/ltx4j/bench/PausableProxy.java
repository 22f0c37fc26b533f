package dev.ltx4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between one worker and its database that can be cut: while cut, no byte crosses in either direction
 * and new connections wait, so that the worker's connections hang as they do when a network path dies (no reset, no
 * close), until the cut ends.
 */
final class PausableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final Object gate = new Object();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean cut;

  PausableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::accept, "chaos-proxy");
    accepting.setDaemon(true);
    accepting.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Stops every byte until {@link #restore()}. */
  void cut() {
    cut = true;
  }

  void restore() {
    synchronized (gate) {
      cut = false;
      gate.notifyAll();
    }
  }

  private void awaitOpen() throws InterruptedException {
    synchronized (gate) {
      while (cut) {
        gate.wait();
      }
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread connecting = new Thread(() -> connect(client), "chaos-proxy-connection");
        connecting.setDaemon(true);
        connecting.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void connect(Socket client) {
    try {
      awaitOpen();
      Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      sockets.add(client);
      sockets.add(server);
      relay(client, server);
      relay(server, client);
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
    }
  }

  private void relay(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          awaitOpen();
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // one side went away: the other goes too
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "chaos-proxy-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    restore();
    listener.close();
    sockets.forEach(PausableProxy::closeQuietly);
  }
}
