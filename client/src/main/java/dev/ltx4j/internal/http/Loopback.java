package dev.ltx4j.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a URL's host is this machine, the only place plain HTTP is allowed to go. */
public final class Loopback {
  private Loopback() {}

  /** True for {@code localhost} and literal loopback addresses; a name is never looked up in DNS. */
  public static boolean is(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      return (host.matches("[0-9.]+") || host.contains(":")) && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
