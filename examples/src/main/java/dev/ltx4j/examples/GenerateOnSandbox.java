package dev.ltx4j.examples;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.JobQuery;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Generates a video on an in-process sandbox, saves it, and lists the jobs: the README's quick start, offline. */
public final class GenerateOnSandbox {
  private GenerateOnSandbox() {}

  /** {@code args[0]}: the folder to save the video in (default: the working directory). */
  public static void main(String[] args) {
    Path folder = Path.of(args.length > 0 ? args[0] : ".");
    try (Sandbox sandbox = Sandbox.builder().start(); LtxClient client = sandbox.newClient()) {
      LtxRequest request = LtxRequest.builder().prompt("A fantasy landscape").durationSeconds(6).build();
      System.out.println("costs " + client.quote(request).creativeUnitsCost() + " CU");
      JobSnapshot done = client.generate(request, WaitOptions.builder().deadline(Duration.ofMinutes(2)).build());
      List<Path> files = client.assets().downloadAll(done, folder, DownloadOptions.defaults());
      System.out.println("saved " + files);
      client.listJobs(JobQuery.ALL).forEach(job -> System.out.println(job.id().orElse("?") + " " + job.status()));
    }
  }
}
