package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyEnvironmentTest {
  private final OkHttpClient base = new OkHttpClient();
  private ServerSocket proxy;
  /** The head of each request the proxy received, one list of lines per connection. */
  private final List<List<String>> heads = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startProxy() throws Exception {
    proxy = new ServerSocket(0);
    Thread accepting = new Thread(this::answerAll, "test-proxy");
    accepting.setDaemon(true);
    accepting.start();
  }

  @AfterEach
  void stopProxy() throws Exception {
    proxy.close();
  }

  @Test
  void anHttpsRequestTunnelsThroughHttpsProxyWithTheUrlsDecodedCredentials() throws Exception {
    OkHttpClient client = ProxyEnvironment.apply(base, Map.of("HTTPS_PROXY",
        "http://alice:p%40ss@127.0.0.1:" + proxy.getLocalPort()));

    try (Response response = client.newCall(new Request.Builder().url("https://api.example.invalid/v1/jobs/x")
        .build()).execute()) {
      throw new AssertionError("the proxy refuses every tunnel, yet got " + response.code());
    } catch (java.io.IOException expected) {
      // the stub proxy answers 502 to the authenticated CONNECT
    }

    assertThat(heads).hasSize(1); // OkHttp offers the credentials with the first CONNECT, before any 407
    assertThat(heads.get(0).get(0)).isEqualTo("CONNECT api.example.invalid:443 HTTP/1.1");
    assertThat(heads.get(0)).contains("Proxy-Authorization: Basic "
        + java.util.Base64.getEncoder().encodeToString("alice:p@ss".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void lowerCaseIsReadFirstAndAllProxyCoversBothSchemes() {
    ProxySelectorView view = new ProxySelectorView(Map.of("https_proxy", "http://lower:3128",
        "HTTPS_PROXY", "http://upper:3128", "ALL_PROXY", "socks5://socks.example.com"));

    assertThat(view.proxyOf("https://api.cloud.scenario.com/v1")).isEqualTo("HTTP lower:3128");
    assertThat(view.proxyOf("http://cdn.example.com/video.mp4")).isEqualTo("SOCKS socks.example.com:1080");
  }

  @Test
  void noProxyMatchesHostsAndDomainsAndLoopbackIsAlwaysDirect() {
    ProxySelectorView view = new ProxySelectorView(Map.of("HTTPS_PROXY", "proxy.example.com:8080",
        "NO_PROXY", "internal.example, .scenario.com:443 , ,exact.example.org"));

    assertThat(view.proxyOf("https://api.cloud.scenario.com/v1")).isEqualTo("DIRECT");
    assertThat(view.proxyOf("https://scenario.com/")).isEqualTo("DIRECT");
    assertThat(view.proxyOf("https://a.internal.example/")).isEqualTo("DIRECT");
    assertThat(view.proxyOf("https://exact.example.org/")).isEqualTo("DIRECT");
    assertThat(view.proxyOf("https://notscenario.com/")).isEqualTo("HTTP proxy.example.com:8080");
    assertThat(view.proxyOf("https://127.0.0.1:8080/v1")).isEqualTo("DIRECT");
    assertThat(view.proxyOf("https://[::1]:8080/v1")).isEqualTo("DIRECT");
    assertThat(view.proxyOf("https://localhost/v1")).isEqualTo("DIRECT");
    assertThat(new ProxySelectorView(Map.of("HTTPS_PROXY", "p:1", "NO_PROXY", "*")).proxyOf("https://a.b/"))
        .isEqualTo("DIRECT");
  }

  @Test
  void withoutProxyVariablesTheClientIsUnchanged() {
    assertThat(ProxyEnvironment.apply(base, Map.of("NO_PROXY", "x", "HTTPS_PROXY", " "))).isSameAs(base);
  }

  @Test
  void anUnusableProxyUrlIsAConfigurationErrorThatNamesTheVariableNotThePassword() {
    assertThatThrownBy(() -> ProxyEnvironment.apply(base, Map.of("HTTPS_PROXY", "https://bob:hunter2@p.example:3128")))
        .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.CONFIGURATION))
        .hasMessageContaining("HTTPS_PROXY").hasMessageContaining("http://")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> ProxyEnvironment.apply(base, Map.of("HTTP_PROXY", "http://bob:hunter2@bad host:1")))
        .isInstanceOf(CommandException.class).hasMessageContaining("HTTP_PROXY").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> ProxyEnvironment.apply(base, Map.of("HTTPS_PROXY", "https://alice:p@ss:w0rd@p:1")))
        .isInstanceOf(CommandException.class).hasMessageNotContaining("w0rd").hasMessageNotContaining("ss:");
  }

  @Test
  void aPortOutOfRangeIsAConfigurationErrorNotASilentDirectConnection() {
    assertThatThrownBy(() -> ProxyEnvironment.apply(base, Map.of("HTTPS_PROXY", "http://127.0.0.1:99999")))
        .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.CONFIGURATION))
        .hasMessageContaining("65535");
  }

  @Test
  void theHintNamesTheVariablesSetWithoutTheirPasswords() {
    assertThat(ProxyEnvironment.describe(Map.of("https_proxy", "http://bob:hunter2@p.example:3128", "NO_PROXY", "x")))
        .isEqualTo("https_proxy=http://…@p.example:3128, NO_PROXY=x");
    assertThat(ProxyEnvironment.describe(Map.of("HTTP_PROXY", "http://bob:p@ss:w0rd@p.example:3128")))
        .isEqualTo("HTTP_PROXY=http://…@p.example:3128");
    assertThat(ProxyEnvironment.describe(Map.of("NO_PROXY", "x"))).isEmpty();
    assertThat(ProxyEnvironment.describe(Map.of())).isEmpty();
  }

  /** The proxy the environment's selector picks for a URL, as "TYPE host:port" or "DIRECT". */
  private record ProxySelectorView(Map<String, String> env) {
    String proxyOf(String url) {
      Proxy chosen = ProxyEnvironment.apply(new OkHttpClient(), env).proxySelector().select(URI.create(url)).get(0);
      if (chosen.type() == Proxy.Type.DIRECT) {
        return "DIRECT";
      }
      var address = (java.net.InetSocketAddress) chosen.address();
      return chosen.type() + " " + address.getHostString() + ":" + address.getPort();
    }
  }

  /** A raw-socket proxy: asks for credentials (407) when none came, refuses the tunnel (502) when they did. */
  private void answerAll() {
    while (!proxy.isClosed()) {
      try (Socket socket = proxy.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        while (true) {
          List<String> head = new ArrayList<>();
          for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            head.add(line);
          }
          if (head.isEmpty()) {
            break;
          }
          heads.add(head);
          boolean authorised = head.stream().anyMatch(line -> line.startsWith("Proxy-Authorization:"));
          out.write((authorised ? "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              : "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n"
                  + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          if (authorised) {
            break;
          }
        }
      } catch (java.io.IOException e) {
        return;
      }
    }
  }
}
