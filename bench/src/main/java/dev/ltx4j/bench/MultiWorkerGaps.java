package dev.ltx4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a multi-worker run's idle slot-time went: every moment a seat of the ceiling ran no generation is put in one
 * class, from the sandbox's job spans and the workers' debug logs (claims, slot takes and hand-overs, jobs seen
 * finished) and the supervisor's kills.
 *
 * <ul>
 *   <li>detection: a job finished at the service, its live worker has not seen it yet;
 *   <li>hand-over: a seen job's seat not freed or passed yet, a taken seat whose job the service has not created
 *       yet (permit, ledger mark, POST), or a free seat while a submission waits for one;
 *   <li>no line waiting: a free seat and no submission waiting for it;
 *   <li>dead worker: a seat held by a line whose owner died, until the next owner frees it or its job is created;
 *   <li>ramp and tail: before the ceiling was first full, and once fewer lines than seats were left unfinished.
 * </ul>
 * CPU starvation has no class of its own: it lengthens all of them.
 */
final class MultiWorkerGaps {
  /** A line's job at the service: created and ended, epoch milliseconds. */
  record Span(long created, long ended) {}

  private static final Pattern LOG = Pattern.compile("^(\\S+) \\[[^]]+\\] DEBUG \\S+ - (.*)$");
  private static final Pattern WANTED = Pattern.compile("slot wanted by .*:(\\d+)");
  private static final Pattern TAKEN = Pattern.compile("slot taken by .*:(\\d+)");
  private static final Pattern PASSED = Pattern.compile("slot of .*:(\\d+) passed to .*:(\\d+)");
  private static final Pattern FREED = Pattern.compile("slot of .*:(\\d+) freed");
  private static final Pattern SEEN = Pattern.compile("line (\\d+): job \\S+ seen");
  private static final Pattern CLAIMED = Pattern.compile("line (\\d+) claimed");

  private static final String[] CLASSES = {"detection", "hand-over", "no line waiting", "dead worker", "ramp",
      "tail"};

  /** What the logs say of one line: first and last times, epoch milliseconds (0 when absent). */
  private static final class Line {
    long wanted;
    long taken;
    long seen;
    long freed;
    final List<long[]> owners = new ArrayList<>(); // {claimed at, owner's death or Long.MAX_VALUE}
  }

  private MultiWorkerGaps() {}

  /**
   * The breakdown as printable lines. {@code deaths}: worker log number to the moment that worker died;
   * {@code start}/{@code end}: the measured interval.
   */
  static List<String> breakdown(Map<Integer, Span> spans, Path logs, Map<Integer, Long> deaths, int ceiling,
      long start, long end) throws IOException {
    Map<Integer, Line> lines = new HashMap<>();
    for (int line : spans.keySet()) {
      lines.put(line, new Line());
    }
    try (Stream<Path> files = Files.list(logs)) {
      for (Path file : files.toList()) {
        int worker = Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
        long death = deaths.getOrDefault(worker, Long.MAX_VALUE);
        for (String text : Files.readAllLines(file)) {
          read(text, lines, death);
        }
      }
    }
    long step = 10;
    int n = (int) ((end - start) / step);
    double[] idle = new double[CLASSES.length];
    double mismatch = 0;
    long[] ends = spans.values().stream().mapToLong(Span::ended).sorted().toArray();
    long tailStart = ends.length >= ceiling ? ends[ends.length - ceiling] : start;
    boolean full = false;
    for (int i = 0; i < n; i++) {
      long t = start + i * step + step / 2;
      int running = 0;
      double[] here = new double[CLASSES.length];
      int held = 0;
      int waiting = 0;
      for (Map.Entry<Integer, Span> entry : spans.entrySet()) {
        Span span = entry.getValue();
        Line line = Objects.requireNonNull(lines.get(entry.getKey()), "line");
        if (span.created() <= t && t < span.ended()) {
          running++;
          continue;
        }
        boolean ownerDead = ownerDeadAt(line, t);
        if (line.taken > 0 && line.taken <= t && t < span.created()) {
          held++;
          here[ownerDead ? 3 : 1]++;
        } else if (span.ended() <= t && line.freed > 0 && t < line.freed) {
          held++;
          here[t < line.seen || line.seen == 0 ? ownerDead ? 3 : 0 : 1]++;
        } else if (line.wanted > 0 && line.wanted <= t && (line.taken == 0 || t < line.taken) && !ownerDead) {
          waiting++;
        }
      }
      full |= running >= ceiling;
      int free = ceiling - running - held;
      if (free < 0) {
        mismatch -= free;
        free = 0;
      }
      here[1] += Math.min(free, waiting);
      here[2] += free - Math.min(free, waiting);
      double gap = ceiling - running;
      if (!full) {
        idle[4] += gap;
      } else if (t >= tailStart) {
        idle[5] += gap;
      } else {
        double counted = Arrays.stream(here).sum();
        for (int c = 0; c < 4; c++) {
          idle[c] += counted == 0 ? 0 : here[c] * gap / counted;
        }
      }
    }
    double total = ceiling * (double) (end - start) / 1000;
    List<String> out = new ArrayList<>();
    double lost = Arrays.stream(idle).sum() * step / 1000;
    out.add(String.format(Locale.ROOT, "idle slot-seconds %.1f of %.1f (%.1f %%)", lost, total, 100 * lost / total));
    for (int c = 0; c < CLASSES.length; c++) {
      double seconds = idle[c] * step / 1000;
      out.add(String.format(Locale.ROOT, "  %-16s %7.1f slot-s  %5.1f %% of capacity", CLASSES[c], seconds,
          100 * seconds / total));
    }
    out.add(String.format(Locale.ROOT, "  (seats the logs count held beyond the ceiling: %.1f slot-s)",
        mismatch * step / 1000));
    out.add(medians(spans, lines));
    return out;
  }

  private static String medians(Map<Integer, Span> spans, Map<Integer, Line> lines) {
    Map<String, List<Long>> phases = new LinkedHashMap<>();
    for (String name : List.of("finished->seen", "seen->freed", "taken->created", "wanted->taken")) {
      phases.put(name, new ArrayList<>());
    }
    spans.forEach((number, span) -> {
      Line line = Objects.requireNonNull(lines.get(number), "line");
      if (line.owners.size() == 1 && line.seen > 0 && line.freed > 0 && line.taken > 0) {
        phase(phases, "finished->seen").add(line.seen - span.ended());
        phase(phases, "seen->freed").add(line.freed - line.seen);
        phase(phases, "taken->created").add(span.created() - line.taken);
        phase(phases, "wanted->taken").add(line.taken - line.wanted);
      }
    });
    StringBuilder text = new StringBuilder("  lines of one owner, median/p90 ms:");
    phases.forEach((name, values) -> {
      values.sort(null);
      if (!values.isEmpty()) {
        text.append(String.format(Locale.ROOT, " %s %d/%d", name, values.get(values.size() / 2),
            values.get(values.size() * 9 / 10)));
      }
    });
    return text.toString();
  }

  private static boolean ownerDeadAt(Line line, long t) {
    long[] owner = null;
    for (long[] claim : line.owners) {
      if (claim[0] <= t && (owner == null || claim[0] > owner[0])) {
        owner = claim;
      }
    }
    return owner != null && owner[1] <= t;
  }

  private static void read(String text, Map<Integer, Line> lines, long death) {
    Matcher log = LOG.matcher(text);
    if (!log.matches()) {
      return;
    }
    long at = OffsetDateTime.parse(log.group(1)).toInstant().toEpochMilli();
    String message = log.group(2);
    Matcher m;
    if ((m = CLAIMED.matcher(message)).find()) {
      line(lines, m.group(1)).owners.add(new long[] {at, death});
    } else if ((m = WANTED.matcher(message)).find()) {
      Line line = line(lines, m.group(1));
      line.wanted = line.wanted == 0 ? at : line.wanted;
    } else if ((m = TAKEN.matcher(message)).find()) {
      Line line = line(lines, m.group(1));
      line.taken = line.taken == 0 ? at : line.taken;
    } else if ((m = PASSED.matcher(message)).find()) {
      line(lines, m.group(1)).freed = at;
      Line next = line(lines, m.group(2));
      next.taken = next.taken == 0 ? at : next.taken;
    } else if ((m = FREED.matcher(message)).find()) {
      line(lines, m.group(1)).freed = at;
    } else if ((m = SEEN.matcher(message)).find()) {
      Line line = line(lines, m.group(1));
      line.seen = line.seen == 0 ? at : line.seen;
    }
  }

  private static Line line(Map<Integer, Line> lines, String number) {
    return lines.computeIfAbsent(Integer.parseInt(number), k -> new Line());
  }

  private static List<Long> phase(Map<String, List<Long>> phases, String name) {
    return Objects.requireNonNull(phases.get(name), name);
  }
}
