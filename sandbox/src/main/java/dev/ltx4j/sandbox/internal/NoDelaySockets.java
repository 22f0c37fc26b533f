package dev.ltx4j.sandbox.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Server sockets whose connections send at once ({@code TCP_NODELAY}). MockWebServer leaves Nagle's algorithm on,
 * and its header and body writes then wait for the client's delayed ACK: about 40 ms per response on Linux.
 */
public final class NoDelaySockets extends ServerSocketFactory {
  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new NoDelay();
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return bind(new NoDelay(), port, 50, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return bind(new NoDelay(), port, backlog, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, @Nullable InetAddress address) throws IOException {
    return bind(new NoDelay(), port, backlog, address);
  }

  private static ServerSocket bind(ServerSocket socket, int port, int backlog, @Nullable InetAddress address)
      throws IOException {
    socket.bind(new java.net.InetSocketAddress(address, port), backlog);
    return socket;
  }

  private static final class NoDelay extends ServerSocket {
    NoDelay() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket socket = super.accept();
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
