package dev.ltx4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The one local sandbox every {@code --sandbox} command of a user shares, so that a job made by {@code generate} can be
 * looked at by {@code job}, {@code wait} or {@code download} afterwards. The first command starts it as a background
 * process ({@code ltx4j sandbox --background}) and leaves where it listens in the user's cache folder; later commands
 * find it there; it stops by itself after {@link #IDLE} without a request, or with {@code ltx4j sandbox --stop}.
 * A lock file keeps two commands started at once from starting two sandboxes.
 */
final class SharedSandbox {
  /** How long the background sandbox stays up without a request. */
  static final Duration IDLE = Duration.ofMinutes(30);

  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  /** The command's entry point, by name: the classes that start commands stand above this one, not below it. */
  static final String MAIN_CLASS = "dev.ltx4j.cli.Main";

  /** Where a running sandbox listens, as its endpoint file says. */
  record Endpoint(String baseUrl, String apiKey, String apiSecret, long pid) {}

  private final Path folder;

  SharedSandbox(Path folder) {
    this.folder = folder;
  }

  /** The user's shared sandbox folder: {@code $XDG_CACHE_HOME/ltx4j/sandbox}, else {@code ~/.cache/ltx4j/sandbox}. */
  static SharedSandbox forUser(Map<String, String> env) {
    String configured = System.getProperty("ltx4j.cache");
    Path cache;
    if (configured != null) {
      cache = Path.of(configured);
    } else {
      String xdg = env.get("XDG_CACHE_HOME");
      String home = env.get("HOME");
      cache = xdg != null && !xdg.isBlank() ? Path.of(xdg, "ltx4j")
          : Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache", "ltx4j");
    }
    return new SharedSandbox(cache.resolve("sandbox"));
  }

  Path folder() {
    return folder;
  }

  Path endpointFile() {
    return folder.resolve("endpoint.properties");
  }

  Path logFile() {
    return folder.resolve("sandbox.log");
  }

  /** The running sandbox, started first if none answers. */
  Endpoint connect(PrintWriter err) {
    Optional<Endpoint> running = running();
    if (running.isPresent()) {
      return running.get();
    }
    try {
      Files.createDirectories(folder);
      try (FileChannel lock = FileChannel.open(folder.resolve("start.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock held = lock.lock()) {
        running = running(); // another command may have started it while this one waited for the lock
        if (running.isPresent()) {
          return running.get();
        }
        Optional<ProcessHandle> starting = starting(); // one whose starter was stopped before it published
        if (starting.isPresent()) {
          return awaitPublished(starting.get().pid(), starting.get()::isAlive, () -> -1);
        }
        Endpoint started = start();
        err.println("Started a local sandbox at " + started.baseUrl() + " (pid " + started.pid() + "), shared by "
            + "every --sandbox command until " + IDLE.toMinutes() + " min without a request; `ltx4j sandbox --stop` "
            + "stops it.");
        return started;
      }
    } catch (IOException e) {
      throw new CommandException(ExitCodes.NETWORK, "could not start the local sandbox in " + folder + ": "
          + e.getMessage() + "; LTX4J_CLI_SANDBOX=private runs a sandbox inside this command instead");
    }
  }

  /** The sandbox the endpoint file names, if its process is this folder's sandbox, alive, and its port answers. */
  Optional<Endpoint> running() {
    Optional<Endpoint> endpoint = read();
    if (endpoint.isEmpty() || !ProcessHandle.of(endpoint.get().pid()).map(this::isOurs).orElse(false)) {
      return Optional.empty();
    }
    URI uri = URI.create(endpoint.get().baseUrl());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
      return endpoint;
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Stops every sandbox serving this folder (the one the endpoint file names, one still starting, one a damaged file
   * lost track of), found by its command line; never another process, whatever pid the file holds. False if none
   * was running.
   */
  boolean stop() throws InterruptedException {
    List<ProcessHandle> ours = ProcessHandle.allProcesses().filter(this::isOurs).toList();
    for (ProcessHandle process : ours) {
      process.destroy();
    }
    for (ProcessHandle process : ours) {
      try {
        process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        process.destroyForcibly();
      }
    }
    if (!ours.isEmpty()) {
      try {
        Files.deleteIfExists(endpointFile());
      } catch (IOException e) {
        // a stale file is harmless: its process is checked before use
      }
    }
    return !ours.isEmpty();
  }

  /** Whether {@code process} is a live sandbox serving this folder, by its command line. */
  private boolean isOurs(ProcessHandle process) {
    return process.isAlive() && process.pid() != ProcessHandle.current().pid()
        && process.info().commandLine().map(line -> line.contains(" sandbox --background " + folder)
            && line.endsWith(folder.toString())).orElse(false);
  }

  /** A sandbox of this folder that is still starting (not yet published), if any. */
  private Optional<ProcessHandle> starting() {
    return ProcessHandle.allProcesses().filter(this::isOurs).findFirst();
  }

  /** Written by the background sandbox once it listens: atomically, so a reader never sees half of it. */
  void publish(Endpoint endpoint) throws IOException {
    Files.createDirectories(folder);
    Properties properties = new Properties();
    properties.setProperty("baseUrl", endpoint.baseUrl());
    properties.setProperty("apiKey", endpoint.apiKey());
    properties.setProperty("apiSecret", endpoint.apiSecret());
    properties.setProperty("pid", Long.toString(endpoint.pid()));
    Path written = folder.resolve("endpoint.properties." + endpoint.pid());
    try (OutputStream out = Files.newOutputStream(written)) {
      properties.store(out, "the local sandbox shared by --sandbox commands");
    }
    try {
      Files.move(written, endpointFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(written, endpointFile(), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes the endpoint file if it still names {@code pid} (a newer sandbox's file stays). */
  void withdraw(long pid) {
    if (read().map(endpoint -> endpoint.pid() == pid).orElse(false)) {
      try {
        Files.deleteIfExists(endpointFile());
      } catch (IOException e) {
        // a stale file is harmless: its pid is checked before use
      }
    }
  }

  Optional<Endpoint> read() {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(endpointFile())) {
      properties.load(in);
      return Optional.of(new Endpoint(properties.getProperty("baseUrl"), properties.getProperty("apiKey"),
          properties.getProperty("apiSecret"), Long.parseLong(properties.getProperty("pid"))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable or from another version: a new sandbox replaces it
    }
  }

  /**
   * This command's class path, with the installation's {@code lib/sandbox/} when bin/ltx4j named the installation
   * ({@code -Dltx4j.home}): it leaves the sandbox's libraries off the class path of commands that do not serve one.
   */
  private static String classPath() {
    String home = System.getProperty("ltx4j.home");
    String own = System.getProperty("java.class.path");
    return home == null ? own : own + java.io.File.pathSeparator + Path.of(home, "lib", "sandbox", "*");
  }

  /** Starts {@code ltx4j sandbox --background} with this JVM and class path, and waits until it publishes. */
  private Endpoint start() throws IOException {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
        "java").toString());
    List<String> command = new ArrayList<>();
    // Its own session where setsid(1) exists: out of the command's process group, which a terminal's Ctrl-C, a
    // timeout(1) or a CI step's end signals as a whole. Without it the sandbox ignores the terminal's signals itself.
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(setsid))) {
        command.add(setsid);
        break;
      }
    }
    command.addAll(List.of(java, "-XX:+UseSerialGC",
        "-cp", classPath(), MAIN_CLASS, "sandbox", "--background",
        folder.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    Process process = builder.start();
    process.getOutputStream().close(); // no input: it must not hold the terminal or a caller's pipes
    try {
      return awaitPublished(process.pid(), process::isAlive, process::exitValue);
    } catch (IOException e) {
      process.destroy();
      throw e;
    }
  }

  /** Waits until the sandbox {@code pid} publishes its address. */
  private Endpoint awaitPublished(long pid, java.util.function.BooleanSupplier alive,
      java.util.function.IntSupplier exitValue) throws IOException {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Endpoint> endpoint = read().filter(found -> found.pid() == pid);
      if (endpoint.isPresent()) {
        return endpoint.get();
      }
      if (!alive.getAsBoolean()) {
        throw new IOException("it exited with status " + exitValue.getAsInt() + " (see " + logFile() + ")");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while it started");
      }
    }
    throw new IOException("it did not listen within " + START_LIMIT.toSeconds() + " s (see " + logFile() + ")");
  }
}
