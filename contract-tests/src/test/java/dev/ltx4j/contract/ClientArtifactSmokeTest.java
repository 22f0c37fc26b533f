package dev.ltx4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.JobResponse;
import dev.ltx4j.model.JobStatus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Proves this module sees the client artifact as a consumer would, before the pacts arrive. */
class ClientArtifactSmokeTest {
  @Test
  void clientArtifactDecodesTheReferenceJobResponse() throws IOException {
    JobResponse response = Json.moshi().adapter(JobResponse.class)
        .fromJson("{ \"job\": { \"jobId\": \"job_abc123\", \"status\": \"success\", \"metadata\": { \"assetIds\": [ \"asset_abc123\" ] } } }");

    assertThat(response.job().status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(response.job().metadata().assetIds()).containsExactly("asset_abc123");
  }
}
