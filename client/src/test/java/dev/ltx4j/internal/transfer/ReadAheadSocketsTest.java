package dev.ltx4j.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ReadAheadSocketsTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final byte[] body = randomBytes(3 * ReadAheadSockets.SIZE + 12_345);

  @Test
  void aBodyArrivingInSmallPiecesIsReadByteExact() throws IOException {
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(body))
        .throttleBody(10_000, 1, TimeUnit.MILLISECONDS).build());

    try (Response response = ReadAheadSockets.over(new OkHttpClient()).newCall(get()).execute()) {
      assertThat(response.body().bytes()).isEqualTo(body);
    }
  }

  @Test
  void aDownloadNeverTakesAPooledConnectionOfTheClientItReadsFor() throws Exception {
    OkHttpClient api = new OkHttpClient();
    server.enqueue(new MockResponse.Builder().body("{}").build());
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(body)).build());
    try (Response response = api.newCall(get()).execute()) {
      response.body().string();
    }

    try (Response response = ReadAheadSockets.over(api).newCall(get()).execute()) {
      assertThat(response.body().bytes()).isEqualTo(body);
    }

    assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(0);
    assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(1);
  }

  @Test
  void aBodyThatStallsStillTimesOutOnTheSocketsReadTimeout() {
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(body))
        .throttleBody(body.length / 2, 2, TimeUnit.SECONDS).build());
    Call.Factory client = ReadAheadSockets.over(new OkHttpClient.Builder().readTimeout(300, TimeUnit.MILLISECONDS)
        .build());

    assertThatThrownBy(() -> {
      try (Response response = client.newCall(get()).execute()) {
        response.body().bytes();
      }
    }).isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void aClientWithItsOwnSocketFactoryOrAnotherCallFactoryIsLeftAsItIs() {
    OkHttpClient custom = new OkHttpClient.Builder().socketFactory(new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new Socket();
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(java.net.InetAddress host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }
    }).build();
    Call.Factory wrapped = custom::newCall;

    assertThat(ReadAheadSockets.over(custom)).isSameAs(custom);
    assertThat(ReadAheadSockets.over(wrapped)).isSameAs(wrapped);
  }

  private Request get() {
    return new Request.Builder().url(server.url("/v.mp4")).build();
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }
}
