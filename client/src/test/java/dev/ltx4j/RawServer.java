package dev.ltx4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP/1.1 server on plain sockets, for what MockWebServer cannot do: keep a request unanswered for as long
 * as a test likes, and tell when the client closed each connection. Each request is handed to {@code answer}, which
 * writes a raw answer, or nothing (the request then hangs).
 */
final class RawServer implements AutoCloseable {
  /** Writes the answer to one request; returning without writing leaves the client waiting. */
  interface Answer {
    void answer(String head, Socket socket) throws IOException;
  }

  private final ServerSocket listener;
  private final Answer answer;
  private final LinkedBlockingQueue<String> requests = new LinkedBlockingQueue<>();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final List<Socket> closedByClient = new CopyOnWriteArrayList<>();

  RawServer(Answer answer) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.answer = answer;
    Thread accepting = new Thread(this::accept, "raw-server");
    accepting.setDaemon(true);
    accepting.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + listener.getLocalPort() + "/v1";
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The head (request line and headers) of the next request received, waiting up to {@code wait}. */
  String takeRequest(Duration wait) throws InterruptedException {
    String head = requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (head == null) {
      throw new AssertionError("no request within " + wait);
    }
    return head;
  }

  int requestCount() {
    return requests.size();
  }

  /** Connections accepted so far that the client has not closed. */
  long openConnections() {
    return connections.stream().filter(socket -> !closedByClient.contains(socket)).count();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        connections.add(socket);
        Thread serving = new Thread(() -> serve(socket), "raw-server-connection");
        serving.setDaemon(true);
        serving.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          closedByClient.add(socket);
          return;
        }
        long length = contentLength(head);
        in.readNBytes((int) length);
        requests.add(head);
        answer.answer(head, socket);
      }
    } catch (IOException e) {
      closedByClient.add(socket);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(15).trim());
      }
    }
    return 0;
  }

  static void write(Socket socket, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
        + "\r\n\r\n";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : connections) {
      socket.close();
    }
  }
}
