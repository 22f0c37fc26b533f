package dev.ltx4j.bench;

import dev.ltx4j.sandbox.Counters;
import dev.ltx4j.sandbox.Endpoint;
import dev.ltx4j.sandbox.FaultKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What a chaos run produced, checked against the sandbox's own rendered file and counters. */
public record ChaosReport(ChaosReport.Tally tally, String expectedSha256, long expectedSize, int videos,
    List<String> mismatched, List<String> partial, long submissions, long maxSubmissionsOfOneBody,
    long bodiesSubmittedTwice, Map<Endpoint, Long> requests, Map<FaultKind, Map<Endpoint, Long>> faults) {

  /** What the run did, as the application saw it. */
  public record Tally(int jobs, int concurrency, Duration elapsed, List<String> failures, int unknownOutcomes,
      int recovered, int resubmittedAfterNothingFound, int resubmittedAfter429, int stepRetries,
      Map<String, Integer> stepRetryCauses) {}

  /**
   * Compares every file in {@code outputDir} with the one video the sandbox rendered into {@code videoCache} (every
   * generation asks for the same duration, fps, aspect and audio, so there is exactly one).
   */
  public static ChaosReport check(Tally tally, Path outputDir, Path videoCache, Counters counters) {
    List<Path> rendered = list(videoCache).stream().filter(p -> !p.getFileName().toString().endsWith(".part"))
        .toList();
    if (rendered.size() != 1) {
      throw new IllegalStateException("expected one rendered video in " + videoCache + ", found " + rendered);
    }
    String expected = sha256(rendered.get(0));
    long expectedSize = size(rendered.get(0));
    List<Path> files = list(outputDir);
    List<String> partial = files.stream()
        .filter(p -> !p.getFileName().toString().endsWith(".mp4") || size(p) != expectedSize)
        .map(p -> p.getFileName() + " (" + size(p) + " bytes)").toList();
    List<String> mismatched = files.stream().filter(p -> p.getFileName().toString().endsWith(".mp4"))
        .filter(p -> !sha256(p).equals(expected)).map(p -> p.getFileName().toString()).toList();
    int videos = (int) files.stream().filter(p -> p.getFileName().toString().endsWith(".mp4")).count();
    long twice = counters.submissionsPerBody().values().stream().filter(count -> count > 1).count();
    return new ChaosReport(tally, expected, expectedSize, videos, mismatched, partial, counters.submissions(),
        counters.maxSubmissionsOfOneBody(), twice, counters.requests(), faults(counters));
  }

  /** Faults of this kind the sandbox injected, on every endpoint. */
  public long faults(FaultKind kind) {
    return faults.getOrDefault(kind, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Faults of this kind the sandbox injected on this endpoint. */
  public long faults(FaultKind kind, Endpoint endpoint) {
    return faults.getOrDefault(kind, Map.of()).getOrDefault(endpoint, 0L);
  }

  private static Map<FaultKind, Map<Endpoint, Long>> faults(Counters counters) {
    Map<FaultKind, Map<Endpoint, Long>> faults = new EnumMap<>(FaultKind.class);
    for (FaultKind kind : counters.faults().keySet()) {
      Map<Endpoint, Long> where = new EnumMap<>(Endpoint.class);
      for (Endpoint endpoint : Endpoint.values()) {
        long count = counters.faults(kind, endpoint);
        if (count > 0) {
          where.put(endpoint, count);
        }
      }
      faults.put(kind, where);
    }
    return faults;
  }

  /** Prints the figures, one per line. */
  public void print(PrintStream out) {
    double seconds = tally.elapsed().toMillis() / 1000.0;
    out.printf("chaos: %d generations, %d at a time, %.1f s (%.2f generations/s)%n", tally.jobs(),
        tally.concurrency(), seconds, tally.jobs() / seconds);
    out.printf("  videos downloaded: %d, byte-identical to the rendered file (%d bytes, sha256 %s…): %d, "
        + "mismatched: %d, partial or stray files: %d%n", videos, expectedSize, expectedSha256.substring(0, 12),
        videos - mismatched.size(), mismatched.size(), partial.size());
    out.printf("  generations failed: %d; jobs created: %d; max submissions of one body: %d; "
        + "bodies submitted more than once: %d%n", tally.failures().size(), submissions, maxSubmissionsOfOneBody,
        bodiesSubmittedTwice);
    out.printf("  unknown submission outcomes: %d (job found: %d, none created so submitted again: %d); "
        + "submitted again after 429: %d; reads repeated after the client gave up: %d%n", tally.unknownOutcomes(),
        tally.recovered(), tally.resubmittedAfterNothingFound(), tally.resubmittedAfter429(), tally.stepRetries());
    tally.stepRetryCauses().forEach((cause, count) -> out.printf("    repeated %d× after %s%n", count, cause));
    long total = requests.values().stream().mapToLong(Long::longValue).sum();
    out.printf("  requests: %d in all%n", total);
    requests.forEach((endpoint, count) -> {
      if (count > 0) {
        out.printf("    %-13s %6d  (faults drawn on %.0f %% of them)%n", endpoint, count,
            100 * ChaosFaults.faultedShare(endpoint));
      }
    });
    out.printf("  faults injected: %d in all%n", faults.keySet().stream().mapToLong(this::faults).sum());
    faults.forEach((kind, where) -> out.printf("    %-18s %5d  %s%n", kind, faults(kind), where));
    tally.failures().stream().limit(5).forEach(f -> out.println("  failure: " + f));
  }

  static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
