package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resumed download continues the same version of the file, or starts over: it never splices two versions. */
class ResumeTest {
  private static final int SIZE = 300_000;
  private final byte[] v1 = bytes(1);
  private final byte[] v2 = bytes(2);

  @StartStop private final MockWebServer api = new MockWebServer();
  @StartStop private final MockWebServer cdn = new MockWebServer();
  private final VirtualTime time = new VirtualTime();
  private final List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
  @TempDir Path dir;

  @Test
  void aResumeAsksForTheRestOfTheSameVersionWithIfRange() throws Exception {
    serve(request -> request.number == 1 ? broken(whole(v1, "\"v1\"")) : part(v1, request.from, "\"v1\""));

    Path file = download();

    assertThat(Files.readAllBytes(file)).isEqualTo(v1);
    assertThat(seen.get(1).getHeaders().get("If-Range")).isEqualTo("\"v1\"");
    assertThat(seen.get(1).getHeaders().get("Range")).startsWith("bytes=");
  }

  @Test
  void aResumeAnsweredWithAPartOfAnotherVersionStartsOverInsteadOfSplicing() throws Exception {
    // A server that ignores If-Range: the part it sends is of the new version, and says so.
    serve(request -> switch (request.number) {
      case 1 -> broken(whole(v1, "\"v1\""));
      case 2 -> part(v2, request.from, "\"v2\"");
      default -> whole(v2, "\"v2\"");
    });

    Path file = download();

    assertThat(Files.readAllBytes(file)).isEqualTo(v2);
    assertThat(seen).hasSize(3);
    assertThat(seen.get(2).getHeaders().get("Range")).isNull();
  }

  @Test
  void aResumeAnsweredWithTheWholeNewVersionKeepsOnlyThat() throws Exception {
    // A server that honours If-Range: the file changed, so it sends all of it.
    serve(request -> request.number == 1 ? broken(whole(v1, "\"v1\"")) : whole(v2, "\"v2\""));

    assertThat(Files.readAllBytes(download())).isEqualTo(v2);
  }

  @Test
  void aResumeWhoseTotalLengthChangedStartsOverEvenUnderTheSameValidator() throws Exception {
    byte[] longer = bytes(3, SIZE + 1000);
    serve(request -> switch (request.number) {
      case 1 -> broken(whole(v1, "\"v1\""));
      case 2 -> new MockResponse.Builder().code(206).addHeader("ETag", "\"v1\"").addHeader("Content-Range",
          "bytes " + request.from + "-" + (longer.length - 1) + "/" + longer.length)
          .body(new Buffer().write(longer, (int) request.from, longer.length - (int) request.from)).build();
      default -> whole(longer, null);
    });

    assertThat(Files.readAllBytes(download())).isEqualTo(longer);
  }

  @Test
  void aResumeRefusedWith416SignsTheUrlAgainAndStartsOver() throws Exception {
    serve(request -> switch (request.number) {
      case 1 -> broken(whole(v1, "\"v1\""));
      case 2 -> new MockResponse.Builder().code(416).build();
      default -> whole(v2, "\"v2\"");
    });

    assertThat(Files.readAllBytes(download())).isEqualTo(v2);
    assertThat(api.getRequestCount()).as("the asset read again for a fresh URL").isEqualTo(2);
    assertThat(seen.get(2).getHeaders().get("Range")).isNull();
  }

  @Test
  void aFileWhoseServerNamesNoVersionIsDownloadedAgainRatherThanResumedBlind() throws Exception {
    serve(request -> request.number == 1 ? broken(whole(v1, null)) : whole(v2, null));

    assertThat(Files.readAllBytes(download())).isEqualTo(v2);
    assertThat(seen.get(1).getHeaders().get("Range")).isNull();
  }

  private Path download() {
    api.enqueue(asset());
    api.enqueue(asset());
    Path file = dir.resolve("v.mp4");
    TestClients.client(api, time).assets().download("asset_v", file, DownloadOptions.defaults());
    return file;
  }

  private MockResponse asset() {
    return json("{\"asset\": {\"id\": \"asset_v\", \"url\": \"" + cdn.url("/v.mp4?Signature=s") + "\"}}");
  }

  private record Seen(int number, long from) {}

  private void serve(Function<Seen, MockResponse> answer) {
    cdn.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        seen.add(request);
        String range = request.getHeaders().get("Range");
        long from = range == null ? 0 : Long.parseLong(range.substring(6, range.length() - 1));
        return answer.apply(new Seen(seen.size(), from));
      }
    });
  }

  private static MockResponse whole(byte[] body, String etag) {
    MockResponse.Builder response = new MockResponse.Builder().addHeader("Accept-Ranges", "bytes")
        .body(new Buffer().write(body));
    return (etag == null ? response : response.addHeader("ETag", etag)).build();
  }

  private static MockResponse broken(MockResponse response) {
    return response.newBuilder().onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  private static MockResponse part(byte[] body, long from, String etag) {
    return new MockResponse.Builder().code(206).addHeader("ETag", etag)
        .addHeader("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length)
        .body(new Buffer().write(body, (int) from, body.length - (int) from)).build();
  }

  private static byte[] bytes(int seed) {
    return bytes(seed, SIZE);
  }

  private static byte[] bytes(int seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
