package dev.ltx4j.internal.transfer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Sockets that read their input ahead in blocks of {@link #SIZE}. Okio reads a socket at most 8 KiB at a time: a
 * 1 GiB body then takes some 131,000 reads, each a system call (and often a wake-up of the sending side). Read
 * ahead, one call takes whatever has arrived, up to the block, for the cost of one copy in memory.
 */
final class ReadAheadSockets extends SocketFactory {
  static final int SIZE = 128 * 1024;

  /**
   * The same client (dispatcher, interceptors, timeouts) with read-ahead sockets in a connection pool of their own:
   * OkHttp would otherwise hand a download a pooled connection of the API's, whose socket reads 8 KiB at a time.
   * {@code calls} itself when it is not a bare OkHttp client or brings its own socket factory.
   */
  static Call.Factory over(Call.Factory calls) {
    if (calls instanceof OkHttpClient client && client.socketFactory() == SocketFactory.getDefault()) {
      return client.newBuilder()
          .socketFactory(new ReadAheadSockets())
          .connectionPool(new ConnectionPool(2, 1, TimeUnit.MINUTES))
          .build();
    }
    return calls;
  }

  @Override
  public Socket createSocket() {
    return new ReadAheadSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private static Socket connected(InetSocketAddress remote, @Nullable InetSocketAddress local) throws IOException {
    Socket socket = new ReadAheadSocket();
    try {
      if (local != null) {
        socket.bind(local);
      }
      socket.connect(remote);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** A plain socket whose input stream is buffered; its read timeout still bounds each read of the socket. */
  private static final class ReadAheadSocket extends Socket {
    private @Nullable InputStream in;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new BufferedInputStream(super.getInputStream(), SIZE);
      }
      return in;
    }
  }
}
