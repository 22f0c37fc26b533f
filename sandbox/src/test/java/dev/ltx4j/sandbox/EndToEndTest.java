package dev.ltx4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.model.Asset;
import dev.ltx4j.model.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real client generates a video in the sandbox; the downloaded file is a playable MP4 that follows the request. */
class EndToEndTest {
  @RegisterExtension
  static final SandboxExtension SANDBOX = SandboxExtension.with(Sandbox.builder().timeScale(0.5));

  @TempDir
  Path dir;

  @Test
  void generatesAPlayableVideoWithTheRequestedDurationFpsAndAspect(LtxClient client, Sandbox sandbox) throws Exception {
    Ffprobe.assumeInstalled();
    List<JobStatus> seen = new ArrayList<>();
    LtxRequest request = LtxRequest.builder().prompt("A fox in the snow").durationSeconds(6).fps(24)
        .aspectRatio("9:16").generateAudio(false).build();

    JobSnapshot done = client.generate(request, WaitOptions.builder().deadline(Duration.ofMinutes(1))
        .listener(new dev.ltx4j.JobListener() {
          @Override
          public void onStatusChange(String jobId, JobStatus from, JobStatus to) {
            seen.add(to);
          }
        }).build());

    assertThat(done.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(done.job().statusHistory()).extracting(change -> change.status()).containsExactly("pending",
        "queued", "warming-up", "in-progress", "finalizing", "success");
    assertThat(done.job().metadata().input()).containsEntry("modelId", "model_ltx-2-3-fast")
        .containsEntry("prompt", "A fox in the snow");
    assertThat(seen).contains(JobStatus.SUCCESS);
    Asset asset = Http.asset(sandbox, done.assetIds().get(0));
    assertThat(asset.url()).startsWith(sandbox.cdnUrl()).contains("Policy=", "Signature=", "Key-Pair-Id=");
    assertThat(asset.properties().width()).isEqualTo(180);
    assertThat(asset.properties().height()).isEqualTo(320);

    Path file = Http.download(asset.url(), dir.resolve("video.mp4"));

    Map<String, Object> stream = Ffprobe.videoStream(file);
    assertThat(stream).containsEntry("codec_name", "h264").containsEntry("r_frame_rate", "24/1");
    assertThat(((Number) stream.get("width")).intValue()).isEqualTo(180);
    assertThat(((Number) stream.get("height")).intValue()).isEqualTo(320);
    assertThat(Double.parseDouble((String) stream.get("duration"))).isCloseTo(6.0, within(0.1));
    assertThat(Ffprobe.decodesCleanly(file)).isTrue();
    assertThat(Ffprobe.codecs(file)).as("generateAudio false: no audio track").containsExactly("h264");
    assertThat(asset.properties().size()).isEqualTo(file.toFile().length());
  }
}
