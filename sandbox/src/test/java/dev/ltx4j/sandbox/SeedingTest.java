package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.JobPage;
import dev.ltx4j.JobQuery;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.model.JobStatus;
import dev.ltx4j.model.Asset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Seeded jobs and the named provider states the contract verification will use; paging newest first. */
@ExtendWith(SandboxExtension.class)
class SeedingTest {
  @Test
  void setsUpASucceededJobWithItsAsset(Sandbox sandbox, LtxClient client) throws IOException {
    sandbox.applyState("job job_abc123 succeeded");

    JobSnapshot job = client.getJob("job_abc123");

    assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(job.assetIds()).containsExactly("asset_abc123");
    assertThat(Http.asset(sandbox, "asset_abc123").mimeType()).isEqualTo("video/mp4");
  }

  @Test
  void aSeededVideoIsReadableAndDownloadableAtOnceWithAnEmptyRenderCache(@TempDir Path dir) throws IOException {
    Path emptyCache = dir.resolve("cache");
    try (Sandbox sandbox = Sandbox.builder().videoCache(emptyCache).start()) {
      sandbox.applyState("asset asset_abc123 is a generated video");

      Asset asset = Http.asset(sandbox, "asset_abc123");

      assertThat(asset.properties().size()).isPositive();
      Path file = Http.download(asset.url(), dir.resolve("v.mp4"));
      assertThat(Files.size(file)).isEqualTo(asset.properties().size());
      assertThat(emptyCache).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".mp4"));
    }
  }

  @Test
  void setsUpEachNamedJobState(Sandbox sandbox, LtxClient client) {
    sandbox.applyState("job job_abc123 is queued");
    assertThat(client.getJob("job_abc123").status()).isEqualTo(JobStatus.QUEUED);
    sandbox.applyState("job job_abc123 is in progress");
    assertThat(client.getJob("job_abc123").progress().getAsDouble()).isEqualTo(0.42);
    sandbox.applyState("job job_abc123 failed");
    assertThat(client.getJob("job_abc123").error()).isPresent();
    sandbox.applyState("job job_abc123 was canceled");
    assertThat(client.getJob("job_abc123").status()).isEqualTo(JobStatus.CANCELED);
  }

  @Test
  void refusesAnUnknownState(Sandbox sandbox) {
    assertThatThrownBy(() -> sandbox.applyState("the moon is blue"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the moon is blue");
  }

  @Test
  void pagesThroughMoreJobsThanOnePageNewestFirst(Sandbox sandbox, LtxClient client) {
    sandbox.applyState("there are more jobs than one page");

    JobPage first = client.listJobsPage(new JobQuery(null, null, 200), null);
    List<JobSnapshot> all = client.listJobs(new JobQuery(null, null, 50)).toList();

    assertThat(first.jobs()).hasSize(200);
    assertThat(first.next()).isPresent();
    assertThat(all).hasSize(201);
    assertThat(all.get(0).id()).contains("job_page000");
    assertThat(all.get(200).id()).contains("job_page200");
  }

  @Test
  void cancelsJobTypesThatAllowIt(Sandbox sandbox, LtxClient client) {
    sandbox.seedJob(SeedJob.of("job_upload1", JobState.IN_PROGRESS).jobType("upload"));

    assertThat(client.cancel("job_upload1").status()).isEqualTo(JobStatus.CANCELED);
  }
}
