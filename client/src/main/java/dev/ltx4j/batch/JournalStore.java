package dev.ltx4j.batch;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A batch kept in a folder, for one machine: an append-only journal ({@code <dir>/batch-journal.jsonl}, JSON Lines,
 * synced to disk after every record) holds the batch, its lines and each line's steps, so that a run killed at any
 * point resumes knowing which lines were sent, which have jobs and which are done. Opening it takes the folder's lock:
 * one process at a time, so leases, epochs and seats live in that process's memory, and a line the journal shows
 * marked but without a job was left by a run that ended (it is recovered). A record that is not JSON is a write torn
 * by a kill and is ignored; a JSON record that is not a journal record is an error naming the file and its line.
 */
public final class JournalStore implements BatchStore {
  /** The journal's file name in the folder. */
  public static final String FILE_NAME = "batch-journal.jsonl";
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  // Both null in a reader for a status display, which neither writes nor holds the folder.
  private final @Nullable FolderLock lock;
  // A stream, not a channel: an interrupt of a thread writing to a FileChannel closes it for every thread.
  private final @Nullable FileOutputStream journal;
  private final Path file;
  private final Clock clock;
  private final Map<String, Object> batchHeader = new LinkedHashMap<>();
  private final TreeMap<Integer, Line> lines = new TreeMap<>();
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Set<String> seats = new HashSet<>();
  private final Deque<String> seatQueue = new ArrayDeque<>();
  private final Map<String, Integer> extras = new HashMap<>();
  private double extraCredits;
  private @Nullable String stopped;

  /** One line, as the journal and this process know it. */
  private static final class Line {
    BatchLine line;
    double estimate;
    @Nullable Double credits;
    @Nullable String file;
    @Nullable String error;
    @Nullable String owner;
    long epoch;
    boolean sending;

    Line(BatchLine line, double estimate) {
      this.line = line;
      this.estimate = estimate;
    }
  }

  /** A worker of this process; its lease lasts {@code timeout} after {@code seenAt}, until it leaves. */
  private record Worker(String host, boolean left, Instant seenAt) {
    boolean live(Duration timeout, Instant now) {
      return !left && seenAt.isAfter(now.minus(timeout));
    }
  }

  /** The lease timeout the latest claim named, for the checks that are not given one. */
  private Duration timeout = Duration.ofSeconds(30);

  private JournalStore(@Nullable FolderLock lock, @Nullable FileOutputStream journal, Path file, Clock clock) {
    this.lock = lock;
    this.journal = journal;
    this.file = file;
    this.clock = clock;
  }

  /**
   * Locks {@code dir} for this process and reads its journal.
   *
   * @throws BatchFolderBusyException when another run holds the folder
   * @throws BatchStoreException when the journal cannot be read or holds a record that is not one (naming the line)
   */
  public static JournalStore open(Path dir) {
    return open(dir, Clock.systemUTC());
  }

  /**
   * {@link #open(Path)} with the clock that stamps sending times and times the workers' leases (this store's clock,
   * {@link #now()}); tests pass a virtual one.
   */
  public static JournalStore open(Path dir, Clock clock) {
    Objects.requireNonNull(clock, "clock == null");
    try {
      Files.createDirectories(dir);
      FolderLock lock = FolderLock.acquire(dir, clock);
      try {
        Path file = dir.resolve(FILE_NAME);
        FileOutputStream journal = new FileOutputStream(file.toFile(), true);
        JournalStore store = new JournalStore(lock, journal, file, clock);
        try {
          store.read();
        } catch (IOException | RuntimeException e) {
          journal.close();
          throw e;
        }
        return store;
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
    } catch (IOException e) {
      throw new BatchStoreException("cannot open the batch journal in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Where the batch in {@code dir} stands, read without taking the folder's lock (a run may hold it): for a status
   * display. Empty when the folder holds no batch journal.
   */
  public static Optional<BatchStatus> statusOf(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JournalStore reader = new JournalStore(null, null, file, Clock.systemUTC());
    try {
      reader.read();
    } catch (IOException e) {
      throw new BatchStoreException("cannot read the batch journal " + file + ": " + e.getMessage(), e);
    }
    String id = reader.batchId();
    return id == null ? Optional.empty() : reader.status(id);
  }

  private void read() throws IOException {
    // Decoded leniently: a torn multi-byte character only spoils the torn line, which is skipped anyway.
    List<String> texts = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text.isBlank()) {
        continue;
      }
      Object json;
      try {
        json = JSON.fromJson(text);
      } catch (IOException torn) {
        continue; // the process died mid-write: that record never happened
      } catch (JsonDataException e) {
        throw corrupt(i + 1, e.getMessage());
      }
      if (!(json instanceof Map<?, ?> fields)) {
        throw corrupt(i + 1, json + " is not a JSON object");
      }
      JournalRecord record;
      try {
        record = JournalRecord.fromJson(fields);
      } catch (IllegalArgumentException e) {
        throw corrupt(i + 1, e.getMessage());
      }
      String problem = record.problem();
      if (problem != null) {
        throw corrupt(i + 1, problem);
      }
      try {
        apply(record);
      } catch (IllegalArgumentException e) {
        throw corrupt(i + 1, e.getMessage());
      }
    }
  }

  private BatchStoreException corrupt(int number, @Nullable String problem) {
    return new BatchStoreException(file + " line " + number + " is not a batch journal record: " + problem
        + "; move the file away to start the batch afresh");
  }

  /** Applies a record {@link JournalRecord#problem()} found nothing wrong with. */
  private void apply(JournalRecord record) {
    String event = record.checkedEvent();
    if (event.equals("batch")) {
      batchHeader.put("id", record.id());
      batchHeader.put("source", record.source());
      batchHeader.put("lines", record.lines());
      batchHeader.put("maxCredits", record.maxCredits());
      return;
    }
    if (event.equals("stopped")) {
      stopped = record.error();
      return;
    }
    int number = record.checkedLine();
    if (event.equals("line")) {
      String batchId = batchId();
      if (batchId == null) {
        throw new IllegalArgumentException("a \"line\" record needs the \"batch\" record before it");
      }
      Double estimate = record.estimate();
      lines.put(number, new Line(new BatchLine(batchId, number, JournalRecord.checked(record.request(), "request"),
          JournalRecord.checked(record.key(), "key"), LineState.PENDING, null, null), estimate == null ? 0 : estimate));
      return;
    }
    Line line = lines.get(number);
    if (line == null) {
      return; // a step of a line this batch does not have: an older journal's, ignored
    }
    BatchLine was = line.line;
    switch (event) {
      case "submitting" -> line.line = was.with(LineState.SUBMITTING,
          Instant.parse(JournalRecord.checked(record.at(), "at")), null);
      case "pending", "unsent" -> line.line = was.with(LineState.PENDING, null, null);
      case "submitted" -> {
        line.line = was.with(LineState.SUBMITTED, was.sentAt(), record.jobId());
        line.credits = record.credits();
      }
      case "extra" -> {
        extras.put(JournalRecord.checked(record.jobId(), "jobId"), number);
        Double credits = record.credits();
        extraCredits += credits == null ? line.estimate : credits;
      }
      case "done" -> {
        line.line = was.with(LineState.DONE, was.sentAt(), was.jobId());
        line.file = record.file();
      }
      case "failed" -> {
        line.line = was.with(LineState.FAILED, was.sentAt(), was.jobId());
        line.error = record.error();
      }
      case "unresolved" -> {
        line.line = was.with(LineState.UNRESOLVED, was.sentAt(), was.jobId());
        line.error = record.error();
      }
      default -> throw new IllegalArgumentException("unknown event " + event);
    }
  }

  private synchronized void append(JournalRecord record) {
    FileOutputStream out = journal;
    if (out == null) {
      throw new IllegalStateException("a journal read for its status is not written");
    }
    byte[] bytes = ("\n" + JSON.toJson(record.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      out.write(bytes);
      out.getFD().sync();
    } catch (IOException e) {
      throw new BatchStoreException("could not write the batch journal " + file + ": " + e.getMessage(), e);
    }
    apply(record);
    notifyAll();
  }

  private @Nullable String batchId() {
    return (String) batchHeader.get("id");
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public synchronized boolean create(String batchId, String source, List<NewLine> newLines,
      @Nullable Double maxCredits) {
    if (batchId.equals(batchId())) {
      return false;
    }
    if (batchId() != null) {
      throw new BatchStoreException(file + " holds batch " + batchId() + ", not " + batchId
          + ": one folder holds one batch");
    }
    append(JournalRecord.batch(batchId, source, newLines.size(), maxCredits));
    for (NewLine line : newLines) {
      append(JournalRecord.line(line));
    }
    return true;
  }

  @Override
  public synchronized List<String> openBatches() {
    return batchId() != null && lines.values().stream().anyMatch(line -> !line.line.state().settled())
        ? List.of(batchId()) : List.of();
  }

  @Override
  public synchronized List<String> batches() {
    return batchId() == null ? List.of() : List.of(batchId());
  }

  @Override
  public synchronized Optional<BatchStatus> status(String batchId) {
    if (!batchId.equals(batchId())) {
      return Optional.empty();
    }
    Map<LineState, Integer> byState = new EnumMap<>(LineState.class);
    for (LineState state : LineState.values()) {
      byState.put(state, 0);
    }
    double charged = extraCredits;
    double spent = extraCredits;
    double quoted = 0;
    for (Line line : lines.values()) {
      byState.merge(line.line.state(), 1, Integer::sum);
      quoted += line.estimate;
      charged += line.credits == null ? 0 : line.credits;
      spent += spentOn(line);
    }
    List<BatchStatus.Worker> seen = workers.entrySet().stream().map(entry -> new BatchStatus.Worker(entry.getKey(),
        entry.getValue().host(), entry.getValue().live(timeout, now()), owned(entry.getKey(), false),
        owned(entry.getKey(), true))).toList();
    return Optional.of(new BatchStatus(batchId, (String) batchHeader.get("source"), lines.size(), Map.copyOf(byState),
        charged, spent, quoted, (Double) batchHeader.get("maxCredits"), extras.size(), stopped, seen));
  }

  /** Open lines {@code workerId} owns; with {@code seated}, only those holding a seat. */
  private int owned(String workerId, boolean seated) {
    return (int) lines.values().stream().filter(line -> workerId.equals(line.owner) && !line.line.state().settled()
        && (!seated || seats.contains(line.line.seatKey()))).count();
  }

  /** Ends a worker's lease as if it had died: for tests, since one process holds the folder. */
  synchronized void leaseLapses(String workerId) {
    Worker worker = workers.get(workerId);
    if (worker != null) {
      workers.put(workerId, new Worker(worker.host(), worker.left(), Instant.EPOCH));
    }
  }

  /** Whether {@code workerId} holds a current lease. */
  private boolean live(@Nullable String workerId, Duration timeout) {
    Worker worker = workerId == null ? null : workers.get(workerId);
    return worker != null && worker.live(timeout, now());
  }

  /** What a line has committed: its price once known, else its estimate once it may have been sent. */
  private static double spentOn(Line line) {
    return switch (line.line.state()) {
      case SUBMITTING -> line.estimate;
      case SUBMITTED, DONE -> line.credits != null ? line.credits : line.estimate;
      default -> line.credits != null ? line.credits : 0;
    };
  }

  @Override
  public synchronized void stop(String batchId, String reason) {
    if (stopped == null && batchId.equals(batchId())) {
      append(new JournalRecord("stopped", null, null, null, null, null, reason, null, null, null, null, null, null,
          null));
    }
  }

  @Override
  public synchronized void register(String workerId, @Nullable String batchId, String host) {
    workers.put(workerId, new Worker(host, false, now()));
  }

  @Override
  public synchronized Beat heartbeat(String workerId, @Nullable String batchId, Duration timeout) {
    Worker worker = workers.get(workerId);
    if (worker == null) {
      return new Beat(false, 0);
    }
    workers.put(workerId, new Worker(worker.host(), worker.left(), now()));
    int orphans = (int) lines.values().stream().filter(line -> !line.line.state().settled() && line.owner != null
        && !live(line.owner, timeout) && (line.line.state() != LineState.PENDING
            || seats.contains(line.line.seatKey()))).count();
    return new Beat(true, orphans);
  }

  @Override
  public synchronized void leave(String workerId) {
    Worker worker = workers.get(workerId);
    if (worker != null) {
      workers.put(workerId, new Worker(worker.host(), true, worker.seenAt()));
    }
    lines.values().stream().filter(line -> workerId.equals(line.owner)).forEach(line -> line.owner = null);
    notifyAll();
  }

  @Override
  public synchronized List<Claim> claim(String batchId, String workerId, Duration timeout, int limit,
      boolean underWayOnly) {
    List<Claim> claims = new ArrayList<>();
    this.timeout = timeout;
    if (!batchId.equals(batchId())) {
      return claims;
    }
    for (Line line : lines.values()) {
      if (claims.size() == limit) {
        break;
      }
      boolean open = !line.line.state().settled();
      boolean free = !live(line.owner, timeout);
      boolean underWay = line.line.state() != LineState.PENDING || seats.contains(line.line.seatKey());
      if (open && free && (!underWayOnly || underWay)) {
        line.owner = workerId;
        line.epoch++;
        line.sending = false;
        claims.add(new Claim(line.line, workerId, line.epoch));
      }
    }
    return claims;
  }

  @Override
  public synchronized Optional<BatchLine> line(String batchId, int number) {
    Line line = batchId.equals(batchId()) ? lines.get(number) : null;
    return line == null ? Optional.empty() : Optional.of(line.line);
  }

  /** The line if {@code claim} is still the current one. */
  private @Nullable Line owned(Claim claim) {
    Line line = lines.get(claim.line().line());
    return line != null && claim.workerId().equals(line.owner) && line.epoch == claim.epoch() ? line : null;
  }

  @Override
  public synchronized Mark markSubmitting(Claim claim) {
    Line line = owned(claim);
    if (line == null || line.line.state() != LineState.PENDING && line.line.state() != LineState.SUBMITTING) {
      return Mark.LOST;
    }
    if (stopped != null) {
      return Mark.STOPPED;
    }
    if (!seats.contains(line.line.seatKey())) {
      return Mark.NO_SEAT;
    }
    Double cap = (Double) batchHeader.get("maxCredits");
    if (cap != null) {
      double spent = extraCredits + lines.values().stream().mapToDouble(JournalStore::spentOn).sum();
      double adds = line.line.state() == LineState.SUBMITTING ? 0 : line.estimate;
      if (spent + adds > cap + 1e-9) {
        return Mark.OVER_CAP;
      }
    }
    append(JournalRecord.of("submitting", claim.line().line()).at(now()));
    line.sending = true;
    return Mark.SENDING;
  }

  @Override
  public synchronized boolean markUnanswered(Claim claim) {
    Line line = owned(claim);
    if (line == null || line.line.state() != LineState.SUBMITTING) {
      return false;
    }
    line.sending = false;
    notifyAll();
    return true;
  }

  @Override
  public synchronized boolean markPending(Claim claim) {
    Line line = owned(claim);
    if (line == null || line.line.state() != LineState.SUBMITTING) {
      return false;
    }
    append(JournalRecord.of("pending", claim.line().line()));
    return true;
  }

  @Override
  public synchronized Recorded markSubmitted(Claim claim, String jobId, @Nullable Double credits) {
    if (extras.containsKey(jobId) || lines.values().stream().anyMatch(line -> jobId.equals(line.line.jobId()))) {
      Line line = lines.get(claim.line().line());
      return line != null && jobId.equals(line.line.jobId()) ? Recorded.LINE : Recorded.HELD_ELSEWHERE;
    }
    Line line = lines.get(claim.line().line());
    if (line == null) {
      throw new IllegalArgumentException("batch " + batchId() + " has no line " + claim.line().line());
    }
    if (line.line.state() == LineState.SUBMITTING && line.line.jobId() == null) {
      append(JournalRecord.of("submitted", claim.line().line()).job(jobId, credits));
      return Recorded.LINE;
    }
    append(JournalRecord.of("extra", claim.line().line()).job(jobId, credits));
    return Recorded.EXTRA;
  }

  @Override
  public synchronized boolean markDone(Claim claim, String file) {
    Line line = owned(claim);
    if (line == null || line.line.state() != LineState.SUBMITTED) {
      return false;
    }
    append(JournalRecord.of("done", claim.line().line()).file(file));
    line.owner = null;
    return true;
  }

  @Override
  public synchronized boolean markFailed(Claim claim, String error) {
    Line line = owned(claim);
    if (line == null || line.line.state().settled()) {
      return false;
    }
    append(JournalRecord.of("failed", claim.line().line()).error(error));
    line.owner = null;
    return true;
  }

  @Override
  public synchronized boolean markUnresolved(Claim claim, String error) {
    Line line = owned(claim);
    if (line == null || line.line.state() != LineState.SUBMITTING) {
      return false;
    }
    append(JournalRecord.of("unresolved", claim.line().line()).error(error));
    line.owner = null;
    return true;
  }

  @Override
  public synchronized boolean resolve(String batchId, int number, String file) {
    Line line = batchId.equals(batchId()) ? lines.get(number) : null;
    if (line == null || line.line.state() != LineState.UNRESOLVED) {
      return false;
    }
    append(JournalRecord.of("done", number).file(file));
    return true;
  }

  @Override
  public synchronized boolean owns(Claim claim) {
    return owned(claim) != null;
  }

  @Override
  public synchronized boolean disown(Claim claim) {
    Line line = owned(claim);
    if (line == null) {
      return false;
    }
    line.owner = null;
    notifyAll();
    return true;
  }

  @Override
  public synchronized Set<String> heldJobIds(Collection<String> jobIds) {
    Set<String> held = new HashSet<>();
    for (String jobId : jobIds) {
      if (extras.containsKey(jobId) || lines.values().stream().anyMatch(line -> jobId.equals(line.line.jobId()))) {
        held.add(jobId);
      }
    }
    return held;
  }

  @Override
  public synchronized int waitingWithRequest(String batchId, String requestKey) {
    return (int) lines.values().stream().filter(line -> line.line.requestKey().equals(requestKey)
        && line.line.state() == LineState.SUBMITTING && line.line.jobId() == null).count();
  }

  @Override
  public synchronized boolean inFlightWithRequest(String batchId, String requestKey, int number, Duration timeout) {
    return lines.values().stream().anyMatch(line -> line.line.line() != number
        && line.line.requestKey().equals(requestKey) && line.line.state() == LineState.SUBMITTING && line.sending
        && live(line.owner, timeout));
  }

  @Override
  public synchronized boolean takeSeat(Claim claim, int ceiling) {
    String key = claim.line().seatKey();
    if (seats.contains(key)) {
      return true;
    }
    freeSettledSeats();
    if (!seatQueue.contains(key)) {
      seatQueue.addLast(key);
    }
    int free = ceiling - seats.size();
    int place = 0;
    for (String waiting : seatQueue) {
      if (waiting.equals(key)) {
        break;
      }
      place++;
    }
    if (place < free) {
      seatQueue.remove(key);
      seats.add(key);
      return true;
    }
    return false;
  }

  /** Seats of lines that are settled, or pending with no live owner, are free again. */
  private void freeSettledSeats() {
    for (Line line : lines.values()) {
      boolean ownerGone = !live(line.owner, timeout);
      if (line.line.state().settled() || line.line.state() == LineState.PENDING && ownerGone) {
        if (seats.remove(line.line.seatKey())) {
          notifyAll();
        }
        seatQueue.remove(line.line.seatKey());
      }
    }
  }

  @Override
  public synchronized void holdSeat(Claim claim) {
    seatQueue.remove(claim.line().seatKey());
    seats.add(claim.line().seatKey());
  }

  @Override
  public synchronized void releaseSeat(BatchLine line) {
    seatQueue.remove(line.seatKey());
    if (seats.remove(line.seatKey())) {
      notifyAll();
    }
  }

  @Override
  public synchronized void awaitChange(Duration max) throws InterruptedException {
    wait(Math.max(1, max.toMillis()));
  }

  @Override
  public synchronized boolean awaitSeat(BatchLine line, Duration max) throws InterruptedException {
    wait(Math.max(1, max.toMillis()));
    return false;
  }

  @Override
  public synchronized void close() {
    if (journal != null) {
      try {
        journal.close();
      } catch (IOException ignored) {
        // every record was synced when written
      }
    }
    if (lock != null) {
      lock.close();
    }
  }
}
