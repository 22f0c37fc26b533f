package dev.ltx4j.cli;

import dev.ltx4j.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code ltx4j batch} in a JVM of its own, pointed at a sandbox through the environment, its output to a log. */
final class BatchProcess {
  private BatchProcess() {}

  static Process start(Sandbox sandbox, Path file, Path out, Path log, String... options) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "batch", file.toString(), "--out", out.toString()));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("LTX4J_BASE_URL", sandbox.baseUrl());
    builder.environment().put("SCENARIO_SDK_API_KEY", sandbox.apiKey());
    builder.environment().put("SCENARIO_SDK_API_SECRET", sandbox.apiSecret());
    return builder.start();
  }
}
