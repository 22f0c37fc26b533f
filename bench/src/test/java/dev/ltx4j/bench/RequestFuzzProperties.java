package dev.ltx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random values for every {@link LtxRequest.Builder} field, and random ids: the result is a valid request that goes
 * out as one request, or an {@link InvalidRequestException} and nothing sent; never another exception. Null means
 * "not set": a null argument is a programming error the setters answer with {@code NullPointerException}, by the
 * project's conventions.
 */
class RequestFuzzProperties {
  private static MockWebServer server;
  private static LtxClient client;

  @BeforeContainer
  static void start() throws IOException {
    server = new MockWebServer();
    server.setServerSocketFactory(new NoDelaySockets());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = request.getUrl().encodedPath().contains("/generate/") ? DocumentedBodies.DRY_RUN_QUOTE
            : request.getUrl().encodedPath().contains("/assets/") ? DocumentedBodies.ASSET_VIDEO
            : DocumentedBodies.JOB_SUCCESS;
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    client = LtxClient.builder().baseUrl("http://127.0.0.1:" + server.getPort() + "/v1").apiKey("k").apiSecret("s")
        .maxRetries(0).operationTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterContainer
  static void stop() {
    client.close();
    server.close();
  }

  @Property(tries = 300)
  void randomFieldsGiveAValidRequestSentOnceOrAnInvalidRequestExceptionAndNothingSent(
      @ForAll("texts") String prompt, @ForAll("texts") String startImage,
      @ForAll("texts") String endImage, @ForAll("choices") String resolution,
      @ForAll("choices") String aspectRatio, @ForAll("choices") String cameraMotion,
      @ForAll("numbers") Integer duration, @ForAll("numbers") Integer fps,
      @ForAll("flags") Boolean audio) {
    int before = server.getRequestCount();
    LtxRequest[] built = new LtxRequest[1];
    Throwable thrown = catchThrowable(() -> {
      LtxRequest.Builder builder = LtxRequest.builder();
      if (prompt != null) {
        builder.prompt(prompt);
      }
      if (startImage != null) {
        builder.startImage(startImage);
      }
      if (endImage != null) {
        builder.endImage(endImage);
      }
      if (resolution != null) {
        builder.resolution(resolution);
      }
      if (aspectRatio != null) {
        builder.aspectRatio(aspectRatio);
      }
      if (cameraMotion != null) {
        builder.cameraMotion(cameraMotion);
      }
      if (duration != null) {
        builder.durationSeconds(duration);
      }
      if (fps != null) {
        builder.fps(fps);
      }
      if (audio != null) {
        builder.generateAudio(audio);
      }
      built[0] = builder.build();
      client.quote(built[0]);
    });
    if (built[0] == null) {
      assertThat(thrown).isInstanceOf(InvalidRequestException.class);
      assertThat(server.getRequestCount()).isEqualTo(before);
    } else {
      assertThat(thrown).isNull();
      assertThat(server.getRequestCount()).isEqualTo(before + 1);
      assertThat(built[0].toModel().prompt()).isEqualTo(prompt);
    }
  }

  @Property(tries = 200)
  void randomIdsAreReadOrRefusedBeforeSending(@ForAll("ids") String id) {
    for (Runnable read : new Runnable[] {() -> client.getJob(id), () -> client.assets().get(id)}) {
      int before = server.getRequestCount();
      Throwable thrown = catchThrowable(read::run);
      if (thrown == null) {
        assertThat(server.getRequestCount()).isEqualTo(before + 1);
      } else {
        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        assertThat(server.getRequestCount()).isEqualTo(before);
      }
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(3000),
        Arbitraries.of("asset_abc123", "asset_", "asset_a/b", "job_x", "   ", "A fox in the snow"))
        .injectNull(0.2);
  }

  @Provide
  Arbitrary<String> choices() {
    return Arbitraries.oneOf(
        Arbitraries.of("1080p", "2k", "4k", "720p", "16:9", "9:16", "1:1", "none", "dolly_in", "DOLLY_IN", "",
            "UNKNOWN_DEFAULT_OPEN_API", "unknown_default_open_api", "RES_1080P"),
        Arbitraries.strings().ofMaxLength(12))
        .injectNull(0.4);
  }

  @Provide
  Arbitrary<Integer> numbers() {
    return Arbitraries.oneOf(Arbitraries.of(6, 8, 10, 12, 20, 24, 25, 48, 50, 0, -6, 7, 22),
        Arbitraries.integers()).injectNull(0.4);
  }

  @Provide
  Arbitrary<Boolean> flags() {
    return Arbitraries.of(true, false).injectNull(0.4);
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30).map(s -> "job_" + s),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30).map(s -> "asset_" + s),
        Arbitraries.of("job_abc123", "asset_abc123", "../jobs", "job_a/../b", "job_a?x=1", "job_a#b", ""));
  }
}
