package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.DownloadOptions;
import dev.ltx4j.JobFailedException;
import dev.ltx4j.JobPage;
import dev.ltx4j.JobQuery;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.model.JobStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The client against a sandbox that answers in the variant forms Scenario's guides and clients show. */
class RealWorldVariantsTest {
  @RegisterExtension
  static final SandboxExtension SANDBOX =
      SandboxExtension.with(Sandbox.builder().realWorldVariants(true).timeScale(0.3));

  @TempDir
  Path dir;

  @Test
  void generatesWaitsAndDownloadsARealMp4ReadFromTheVariantForms(Sandbox sandbox, LtxClient client)
      throws Exception {
    JobSnapshot done = client.generate(LtxRequest.of("A fox in the snow"),
        WaitOptions.builder().deadline(Duration.ofMinutes(1)).build());

    assertThat(done.job().jobId()).as("id, not jobId").isNull();
    assertThat(done.id()).hasValueSatisfying(id -> assertThat(id).startsWith("job_"));
    assertThat(done.job().progress()).as("0..100").isEqualTo(100.0);
    assertThat(done.progress()).hasValue(1.0);
    assertThat(done.job().metadata().assetIds()).isNull();
    assertThat(done.assetIds()).containsExactly(done.job().metadata().assetId());
    assertThat(done.job().createdAt().getNano()).as("no milliseconds").isZero();

    List<Path> files = client.assets().downloadAll(done, dir, DownloadOptions.defaults());

    assertThat(files).singleElement().satisfies(file -> {
      byte[] head = Arrays.copyOfRange(Files.readAllBytes(file), 4, 8);
      assertThat(new String(head, StandardCharsets.US_ASCII)).as("an MP4's first box").isEqualTo("ftyp");
      assertThat(Files.size(file)).isEqualTo(client.assets().get(done.assetIds().get(0)).properties().size());
    });
    Ffprobe.assumeInstalled();
    assertThat(Ffprobe.decodesCleanly(files.get(0))).isTrue();
  }

  @Test
  void writesFailedCancelledProgressOnAHundredAndTimestampsWithoutMilliseconds(Sandbox sandbox, LtxClient client)
      throws IOException {
    sandbox.seedJob(SeedJob.of("job_failed", JobState.FAILURE))
        .seedJob(SeedJob.of("job_working", JobState.IN_PROGRESS))
        .seedJob(SeedJob.of("job_upload", JobState.QUEUED).jobType("upload"));

    assertThat(raw(sandbox, "/jobs/job_failed")).contains("\"id\":\"job_failed\"", "\"status\":\"failed\"")
        .doesNotContain("jobId").containsPattern("\"createdAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"");
    assertThat(raw(sandbox, "/jobs/job_working")).contains("\"progress\":42.0");
    assertThat(client.getJob("job_working").progress()).hasValue(0.42);
    assertThatThrownBy(() -> client.await("job_failed", WaitOptions.defaults()))
        .isInstanceOf(JobFailedException.class);
    assertThat(client.cancel("job_upload").status()).isEqualTo(JobStatus.CANCELED);
    assertThat(raw(sandbox, "/jobs/job_upload")).contains("\"status\":\"cancelled\"");
  }

  @Test
  void listsJobsToTheEndOverPaddedBase64TokensAndAnEmptyLastToken(Sandbox sandbox, LtxClient client) {
    sandbox.applyState("there are more jobs than one page");

    List<String> tokens = new ArrayList<>();
    List<JobSnapshot> paged = new ArrayList<>();
    JobPage page = client.listJobsPage(new JobQuery(null, null, 50), null);
    paged.addAll(page.jobs());
    while (page.next().isPresent()) {
      tokens.add(page.nextPageToken());
      page = client.listJobsPage(new JobQuery(null, null, 50), page.next().get());
      paged.addAll(page.jobs());
    }

    assertThat(tokens).hasSize(4).allSatisfy(token -> assertThat(token).contains("+", "/").endsWith("="));
    assertThat(page.nextPageToken()).isEmpty();
    assertThat(paged).hasSize(201);
    assertThat(client.listJobs(new JobQuery(null, null, 200)).map(job -> job.id().orElseThrow()).toList())
        .containsExactlyElementsOf(paged.stream().map(job -> job.id().orElseThrow()).toList())
        .startsWith("job_page000").endsWith("job_page200");
  }

  private static String raw(Sandbox sandbox, String path) throws IOException {
    try (Response response = Http.CLIENT.newCall(ApiBehaviourTest.authorized(sandbox, path).build()).execute()) {
      return response.body().string();
    }
  }
}
