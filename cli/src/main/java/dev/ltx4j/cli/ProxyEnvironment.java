package dev.ltx4j.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/**
 * The proxy settings curl and git read: {@code HTTPS_PROXY} for https URLs, {@code HTTP_PROXY} for http ones,
 * {@code ALL_PROXY} for either, each also in lower case (lower case first, as curl reads them), and {@code NO_PROXY}: a
 * comma-separated list of hosts and domains ({@code example.com} and {@code .example.com} both match
 * {@code api.example.com}), {@code *} for all. A proxy URL is {@code http://[user:password@]host[:port]} (port 1080 for
 * {@code socks5://}, else 80 when left out); credentials answer the proxy's 407. Loopback addresses (the local
 * sandbox) never go through a proxy. The library itself reads none of this: a program sets OkHttp's proxy.
 */
final class ProxyEnvironment extends ProxySelector {
  private final Optional<URI> https;
  private final Optional<URI> http;
  private final List<String> noProxy;

  private ProxyEnvironment(Optional<URI> https, Optional<URI> http, List<String> noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
  }

  /** Whether the environment names a proxy at all (nothing is checked or built for it here). */
  static boolean named(Map<String, String> env) {
    return variable(env, "HTTPS_PROXY").isPresent() || variable(env, "HTTP_PROXY").isPresent()
        || variable(env, "ALL_PROXY").isPresent();
  }

  /** The OkHttp client the environment asks for, or the base unchanged when it names no proxy. */
  static OkHttpClient apply(OkHttpClient base, Map<String, String> env) {
    Optional<URI> all = proxy(env, "ALL_PROXY");
    Optional<URI> https = proxy(env, "HTTPS_PROXY").or(() -> all);
    Optional<URI> http = proxy(env, "HTTP_PROXY").or(() -> all);
    if (https.isEmpty() && http.isEmpty()) {
      return base;
    }
    List<String> noProxy = new ArrayList<>();
    for (String entry : variable(env, "NO_PROXY").orElse("").split(",")) {
      String host = entry.trim().toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "").replaceFirst("^\\*?\\.", "");
      if (!host.isEmpty()) {
        noProxy.add(host);
      }
    }
    ProxyEnvironment selector = new ProxyEnvironment(https, http, noProxy);
    return base.newBuilder().proxySelector(selector).proxyAuthenticator((route, response) -> {
      URI proxy = response.request().url().isHttps() ? https.orElse(null) : http.orElse(null);
      if (proxy == null || proxy.getRawUserInfo() == null || response.request().header("Proxy-Authorization") != null) {
        return null; // no credentials, or they were refused already: the 407 stands
      }
      String[] user = proxy.getRawUserInfo().split(":", 2);
      return response.request().newBuilder().header("Proxy-Authorization", Credentials.basic(
          decode(user[0]), user.length > 1 ? decode(user[1]) : "", StandardCharsets.UTF_8)).build();
    }).build();
  }

  /**
   * The proxy variables set, as their names are written, credentials struck ({@code https_proxy=http://…@proxy:3128}),
   * for a hint; empty if none.
   */
  static String describe(Map<String, String> env) {
    List<String> set = new ArrayList<>();
    for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY")) {
      for (String spelling : List.of(name.toLowerCase(Locale.ROOT), name)) {
        String value = env.get(spelling);
        if (value != null && !value.isBlank()) {
          set.add(spelling + "=" + redacted(value.trim()));
          break;
        }
      }
    }
    return set.stream().anyMatch(entry -> !entry.toUpperCase(Locale.ROOT).startsWith("NO_PROXY")) ? String.join(", ", set)
        : "";
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    Optional<URI> proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    if (proxy.isEmpty() || bypassed(host)) {
      return List.of(Proxy.NO_PROXY);
    }
    URI target = proxy.get();
    boolean socks = target.getScheme().toLowerCase(Locale.ROOT).startsWith("socks");
    int port = target.getPort() != -1 ? target.getPort() : socks ? 1080 : 80;
    return List.of(new Proxy(socks ? Proxy.Type.SOCKS : Proxy.Type.HTTP,
        InetSocketAddress.createUnresolved(target.getHost(), port)));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {
    // the call fails with the proxy's error; there is no other route to try
  }

  private boolean bypassed(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equals("localhost") || isLoopbackLiteral(bare)) {
      return true;
    }
    for (String entry : noProxy) {
      if (entry.equals("*") || bare.equals(entry) || bare.endsWith("." + entry)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLoopbackLiteral(String host) {
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // a name: never resolved here
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<URI> proxy(Map<String, String> env, String name) {
    return variable(env, name).map(value -> {
      URI uri;
      try {
        uri = URI.create(value.contains("://") ? value : "http://" + value);
      } catch (IllegalArgumentException e) {
        throw new CommandException(ExitCodes.CONFIGURATION, name + " is not a URL; it should look like "
            + "http://proxy.example.com:3128"); // the value is not repeated: it may hold a password
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !List.of("http", "socks5", "socks5h", "socks4", "socks").contains(scheme)
          || uri.getPort() > 65535) {
        throw new CommandException(ExitCodes.CONFIGURATION, name + " must look like http://proxy.example.com:3128 "
            + "(http:// or socks5://, a port up to 65535, user:password@ if the proxy asks); it is "
            + redacted(value));
      }
      return uri;
    });
  }

  /** Lower case first, as curl reads it; an empty value is no proxy. */
  private static Optional<String> variable(Map<String, String> env, String name) {
    String value = env.get(name.toLowerCase(Locale.ROOT));
    if (value == null || value.isBlank()) {
      value = env.get(name);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** A proxy URL without whatever stands before its last {@code @} (a password may hold an unencoded {@code @}). */
  static String redacted(String value) {
    return value.replaceFirst("^([A-Za-z0-9+.-]+://)?[^/]*@", "$1…@");
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
