package dev.ltx4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a server that cuts, trickles and floods its answers: the right exit code, in time. */
class HostileServerCliTest {
  private static final String JOB = "{\"job\": {\"jobId\": \"job_abc123\", \"status\": \"queued\"},"
      + " \"creativeUnitsCost\": 2}";

  @StartStop private final MockWebServer api = new MockWebServer();

  @BeforeEach
  void pointAtServer() {
    ApiProperties.pointAt(api);
  }

  @AfterEach
  void forgetServer() {
    ApiProperties.clear();
  }

  @Test
  void aBatchRefusedForCreditsStopsAtTheFirstRequestAndSaysHowManyLinesWereLeftUnsent(@TempDir Path dir)
      throws Exception {
    for (int i = 0; i < 40; i++) {
      api.enqueue(new MockResponse.Builder().code(402).body("{\"reason\": \"Not enough creative units\"}").build());
    }
    Path file = Files.writeString(dir.resolve("lines.jsonl"), "{\"prompt\": \"A cat\"}\n".repeat(20));
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("batch", file.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ACCOUNT_REFUSED);
    long posts = 0;
    for (int i = api.getRequestCount(); i > 0; i--) {
      posts += api.takeRequest().getMethod().equals("POST") ? 1 : 0;
    }
    assertThat(posts).as("paid requests").isEqualTo(1);
    assertThat(run.err()).contains("not enough credits").contains("20 of 20 lines were left unsent")
        .contains("run the same command again");
    assertThat(run.err().lines().filter(line -> line.startsWith("ltx4j:")).count()).isEqualTo(1);
    assertThat(Files.readString(out.resolve(dev.ltx4j.batch.JournalStore.FILE_NAME))).contains("\"event\":\"pending\"");
  }

  @Test
  void aGenerationWhoseAnswerBreaksOffMidBodyExitsWithUnknownOutcomeAfterOneRequest() throws InterruptedException {
    api.enqueue(new MockResponse.Builder().body(JOB + " ".repeat(4096))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    api.enqueue(new MockResponse.Builder().body(JOB).build());

    CliRun run = CliRun.of("generate", "A cat", "--no-progress");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OUTCOME_UNKNOWN);
    assertThat(api.takeRequest(2, TimeUnit.SECONDS)).isNotNull();
    assertThat(api.takeRequest(300, TimeUnit.MILLISECONDS)).as("a second request").isNull();
  }

  @Test
  void aWaitOnATricklingServerEndsAtItsDeadlineWithTheResumeHint() {
    api.enqueue(new MockResponse.Builder().body(new Trickle(JOB, Duration.ofSeconds(5))).build());
    long start = System.nanoTime();

    CliRun run = CliRun.of("wait", "job_abc123", "--deadline", "2s");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TIMEOUT);
    assertThat(run.err()).contains("ltx4j wait job_abc123");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aHugeErrorAnswerGivesTheApiErrorWithABoundedMessage() {
    for (int i = 0; i < 3; i++) {
      api.enqueue(new MockResponse.Builder().code(500).body(new Flood(200L << 20)).build());
    }

    CliRun run = CliRun.of("job", "job_abc123");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.API_ERROR);
    assertThat(run.err().length()).isLessThan(8 * 1024);
  }

  /** A body sent a byte at a time with a pause after each. */
  private record Trickle(String text, Duration pause) implements MockResponseBody {
    @Override
    public long getContentLength() {
      return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        sink.writeByte(b).flush();
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** {@code {"message": "xxx…"}} of any size, written as it is sent. */
  private record Flood(long size) implements MockResponseBody {
    @Override
    public long getContentLength() {
      return size + 15;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.writeUtf8("{\"message\": \"");
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      for (long left = size; left > 0; left -= chunk.length) {
        sink.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      sink.writeUtf8("\"}");
    }
  }
}
