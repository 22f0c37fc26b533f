package dev.ltx4j.sandbox.internal;

import java.util.Random;

/** Makes prefixed ids ({@code job_…}, {@code asset_…}) from a seeded generator: same seed, same ids. */
public final class Ids {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private final Random random;

  public Ids(long seed) {
    this.random = new Random(seed);
  }

  public synchronized String next(String prefix) {
    StringBuilder id = new StringBuilder(prefix).append('_');
    for (int i = 0; i < 20; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }
}
