package dev.ltx4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The runtime dependency closure of ltx4j-client in bytes, with OkHttp's own closure (okhttp, okio, kotlin-stdlib
 * and its annotations) as the baseline. Arguments: the class-path file maven-dependency-plugin's
 * {@code build-classpath} wrote for the client (runtime scope) and the client jar. {@code bench/footprint.sh} runs it.
 */
public final class Footprint {
  private static final List<String> OKHTTP_ITSELF =
      List.of("okhttp-jvm-", "okio-jvm-", "kotlin-stdlib-", "annotations-");

  private Footprint() {}

  public static void main(String[] args) throws IOException {
    List<Path> jars = new ArrayList<>();
    Arrays.stream(Files.readString(Path.of(args[0])).trim().split(java.io.File.pathSeparator))
        .filter(s -> !s.isBlank()).map(Path::of).forEach(jars::add);
    jars.add(Path.of(args[1]));
    long total = 0;
    long baseline = 0;
    System.out.println("ltx4j-client runtime closure:");
    for (Path jar : jars.stream().sorted((a, b) -> Long.compare(size(b), size(a))).toList()) {
      long size = size(jar);
      total += size;
      String name = jar.getFileName().toString();
      boolean okhttp = OKHTTP_ITSELF.stream().anyMatch(name::startsWith);
      if (okhttp) {
        baseline += size;
      }
      System.out.printf("  %9d  %s%s%n", size, name, okhttp ? "  (OkHttp's own closure)" : "");
    }
    System.out.printf("footprint: %d jars, %d bytes (%.2f MiB); OkHttp alone (okhttp, okio, kotlin-stdlib and "
        + "its annotations): %d bytes (%.2f MiB); ltx4j adds %d bytes (%.2f MiB)%n", jars.size(), total,
        total / 1048576.0, baseline, baseline / 1048576.0, total - baseline, (total - baseline) / 1048576.0);
  }

  private static long size(Path jar) {
    try {
      return Files.size(jar);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
