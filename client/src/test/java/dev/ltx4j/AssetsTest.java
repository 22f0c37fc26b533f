package dev.ltx4j;

import static dev.ltx4j.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ltx4j.internal.transfer.Uploader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetsTest {
  /** A CDN names each version of a file: a resume asks for the rest of this one only. */
  private static final String ETAG = "\"v1\"";
  private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  @StartStop private final MockWebServer api = new MockWebServer();
  @StartStop private final MockWebServer cdn = new MockWebServer();
  @TempDir Path dir;
  private final VirtualTime time = new VirtualTime();
  private final byte[] video = randomBytes(300_000);

  @Test
  void keepsTheSignedUrlByteExactAndSendsNoCredentialsToTheCdn() throws Exception {
    String signedPath = "/assets/asset_abc123.mp4?Policy=eyJ0&Signature=abc~def%2Bgh-_&Key-Pair-Id=K2ABC";
    api.enqueue(assetResponse(signedPath));
    cdn.enqueue(new MockResponse.Builder().body(new Buffer().write(video)).build());

    long size = client().assets().download("asset_abc123", dir.resolve("out.mp4"), DownloadOptions.defaults());

    RecordedRequest fetched = cdn.takeRequest();
    assertThat(fetched.getTarget()).isEqualTo(signedPath);
    assertThat(fetched.getHeaders().get("Authorization")).isNull();
    assertThat(api.takeRequest().getHeaders().get("Authorization")).startsWith("Basic ");
    assertThat(size).isEqualTo(video.length);
    assertThat(Files.readAllBytes(dir.resolve("out.mp4"))).isEqualTo(video);
  }

  @Test
  void resumesATruncatedBodyWithRangeAndEndsByteExact() throws Exception {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    cdn.enqueue(new MockResponse.Builder().addHeader("Accept-Ranges", "bytes").body(new Buffer().write(video))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    cdn.setDispatcher(rangeAfterFirst());

    List<Long> progress = new ArrayList<>();
    client().assets().download("asset_abc123", dir.resolve("v.mp4"),
        DownloadOptions.defaults().withListener((bytes, total) -> progress.add(bytes)));

    assertThat(Files.readAllBytes(dir.resolve("v.mp4"))).isEqualTo(video);
    cdn.takeRequest();
    String range = cdn.takeRequest().getHeaders().get("Range");
    assertThat(range).matches("bytes=\\d+-");
    long resumedFrom = Long.parseLong(range.substring(6, range.length() - 1));
    assertThat(resumedFrom).isPositive().isLessThan(video.length);
    assertThat(progress).last().isEqualTo((long) video.length);
  }

  @Test
  void keepsResumingAsLongAsEachBrokenConnectionDeliveredBytes() throws Exception {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    AtomicInteger calls = new AtomicInteger();
    cdn.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String range = request.getHeaders().get("Range");
        int from = range == null ? 0 : Integer.parseInt(range.substring(6, range.length() - 1));
        MockResponse.Builder rest = new MockResponse.Builder().code(range == null ? 200 : 206)
            .addHeader("ETag", ETAG)
            .addHeader("Content-Range", "bytes " + from + "-" + (video.length - 1) + "/" + video.length)
            .body(new Buffer().write(video, from, video.length - from));
        return calls.incrementAndGet() <= 8
            ? rest.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build() : rest.build();
      }
    });

    client().assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults());

    assertThat(calls.get()).as("more broken connections than failures allowed in a row").isEqualTo(9);
    assertThat(Files.readAllBytes(dir.resolve("v.mp4"))).isEqualTo(video);
  }

  @Test
  void startsOverWhenTheServerCannotResume() throws Exception {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    AtomicInteger calls = new AtomicInteger();
    cdn.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse.Builder full = new MockResponse.Builder().body(new Buffer().write(video));
        return calls.incrementAndGet() == 1 ? full.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build() : full.build();
      }
    });

    client().assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults());

    assertThat(Files.readAllBytes(dir.resolve("v.mp4"))).isEqualTo(video);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void refreshesAnExpiredUrlByReadingTheAssetAgain() throws Exception {
    api.enqueue(assetResponse("/v.mp4?Signature=old"));
    api.enqueue(assetResponse("/v.mp4?Signature=new"));
    cdn.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getTarget().endsWith("old") ? new MockResponse.Builder().code(403).body("Expired").build()
            : new MockResponse.Builder().body(new Buffer().write(video)).build();
      }
    });

    client().assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults());

    assertThat(Files.readAllBytes(dir.resolve("v.mp4"))).isEqualTo(video);
    assertThat(api.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aDownloadedFileGetsTheModeOfAnyNewFileInItsFolder() throws Exception {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    cdn.enqueue(new MockResponse.Builder().body(new Buffer().write(video)).build());

    client().assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults());

    Path probe = Files.createFile(dir.resolve("probe"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("v.mp4"))).isEqualTo(Files.getPosixFilePermissions(probe));
  }

  @Test
  void leavesNoPartialFileWhenTheDownloadFails() throws Exception {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    cdn.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().body(new Buffer().write(video))
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
      }
    });

    assertThatThrownBy(() -> client().assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults()))
        .isInstanceOf(Ltx4jIoException.class);
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aDownloadRefusedByItsServerRetriesOnTheSharedBackoffFiveTimesThenFails() {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    for (int i = 0; i < 6; i++) {
      cdn.enqueue(new MockResponse.Builder().code(503).build());
    }

    assertThatThrownBy(() -> client().assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults()))
        .isInstanceOf(Ltx4jIoException.class)
        .hasMessageContaining("failed 6 times; last: HTTP 503");
    assertThat(cdn.getRequestCount()).isEqualTo(6);
    assertThat(time.sleeps()).hasSize(5);
    long[] nominal = {500, 1000, 2000, 4000, 8000};
    for (int i = 0; i < nominal.length; i++) {
      assertThat(time.sleeps().get(i).toMillis()).isBetween(nominal[i] * 3 / 4, nominal[i]);
    }
  }

  @Test
  void rejectsABodyThatDoesNotMatchItsChecksum() throws Exception {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    String md5OfSomethingElse = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(new byte[1]));
    cdn.enqueue(new MockResponse.Builder().addHeader("Content-MD5", md5OfSomethingElse).body(new Buffer().write(video)).build());

    assertThatThrownBy(() -> client().assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults()))
        .hasMessageContaining("corrupt");
    assertThat(dir.resolve("v.mp4")).doesNotExist();
  }

  @Test
  void acceptsABodyThatMatchesItsChecksum() throws Exception {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(video));
    cdn.enqueue(new MockResponse.Builder().addHeader("Content-MD5", md5).body(new Buffer().write(video)).build());

    assertThat(client().assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults()))
        .isEqualTo(video.length);
  }

  @Test
  void refusesToOverwriteAnExistingFileUnlessAsked() throws Exception {
    Path existing = Files.write(dir.resolve("v.mp4"), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> client().assets().download("asset_abc123", existing, DownloadOptions.defaults()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.parameter()).isEqualTo("target"));
    assertThat(api.getRequestCount()).isZero();

    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    cdn.enqueue(new MockResponse.Builder().body(new Buffer().write(video)).build());
    client().assets().download("asset_abc123", existing, DownloadOptions.defaults().withOverwrite(true));
    assertThat(Files.readAllBytes(existing)).isEqualTo(video);
  }

  @Test
  void aFailingDestinationEndsTheDownloadAtOnceWithoutFetchingAgain() {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    for (int i = 0; i < 3; i++) {
      cdn.enqueue(new MockResponse.Builder().body(new Buffer().write(video)).build());
    }
    java.io.OutputStream full = new java.io.OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device");
      }
    };

    assertThatThrownBy(() -> client().assets().download("asset_abc123", full, TransferListener.NONE))
        .isInstanceOf(Ltx4jIoException.class).hasMessageContaining("No space left on device");
    assertThat(cdn.getRequestCount()).isEqualTo(1);
  }

  @Test
  void downloadsIntoAStream() {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    cdn.enqueue(new MockResponse.Builder().body(new Buffer().write(video)).build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    client().assets().download("asset_abc123", out, TransferListener.NONE);

    assertThat(out.toByteArray()).isEqualTo(video);
  }

  @Test
  void downloadsEveryAssetOfAJobWithSafeNamesSignedByOneBulkRead() throws Exception {
    api.enqueue(json("{\"assets\": [{\"id\": \"asset_b\", \"mimeType\": \"image/png\", \"url\": \""
        + cdn.url("/b.png?Signature=2") + "\"}, {\"id\": \"asset_abc123\", \"mimeType\": \"video/mp4\", \"url\": \""
        + cdn.url("/a.mp4?Signature=1") + "\"}]}"));
    cdn.enqueue(new MockResponse.Builder().body(new Buffer().write(video)).build());
    cdn.enqueue(new MockResponse.Builder().body("png").build());
    JobSnapshot job = JobSnapshot.of(dev.ltx4j.model.Job.builder().jobId("job_abc123")
        .metadata(dev.ltx4j.model.JobMetadata.builder().assetIds(List.of("asset_abc123", "asset_b")).build()).build());

    List<Path> files = client().assets().downloadAll(job, dir, DownloadOptions.defaults());

    assertThat(files).containsExactly(dir.resolve("job_abc123.mp4"), dir.resolve("job_abc123-2.png"));
    assertThat(Files.readAllBytes(files.get(0))).isEqualTo(video);
    RecordedRequest read = api.takeRequest();
    assertThat(read.getMethod() + " " + read.getUrl().encodedPath()).isEqualTo("POST /v1/assets/get-bulk");
    assertThat(read.getBody().utf8()).isEqualTo("{\"assetIds\":[\"asset_abc123\",\"asset_b\"]}");
    assertThat(api.getRequestCount()).isEqualTo(1);
  }

  @Test
  void uploadsASmallImageAsADataUrl() throws Exception {
    api.enqueue(json("{\"asset\": {\"id\": \"asset_start123\", \"mimeType\": \"image/png\"}}"));
    byte[] png = withHead(PNG_HEAD, 1000);

    String assetId = client().assets().uploadImage(Files.write(dir.resolve("frame.png"), png));

    RecordedRequest request = api.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/assets");
    assertThat(request.getBody().utf8()).isEqualTo("{\"image\":\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png) + "\",\"name\":\"frame.png\"}");
    assertThat(assetId).isEqualTo("asset_start123");
  }

  @Test
  void refusesAFileThatIsNotASupportedImageBeforeSendingAnything() throws Exception {
    Path pdf = Files.writeString(dir.resolve("frame.png"), "%PDF-1.7 not an image");

    assertThatThrownBy(() -> client().assets().uploadImage(pdf))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.parameter()).isEqualTo("image"))
        .hasMessageContaining("'frame.png' is not a supported image")
        .hasMessageContaining("25 50 44 46");
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void uploadsALargeImageInPartsRetryingAFailedPartFromTheFile() throws Exception {
    int size = 2 * Uploader.PART_SIZE + 1_000_000;
    byte[] image = withHead(PNG_HEAD, size);
    Path file = Files.write(dir.resolve("big.png"), image);
    api.enqueue(json("{\"upload\": {\"id\": \"upload_1\", \"status\": \"pending\", \"parts\": ["
        + part(1) + "," + part(2) + "," + part(3) + "]}}"));
    api.enqueue(json("{\"upload\": {\"id\": \"upload_1\", \"status\": \"validating\"}}"));
    api.enqueue(json("{\"upload\": {\"id\": \"upload_1\", \"status\": \"validated\"}}"));
    api.enqueue(json("{\"upload\": {\"id\": \"upload_1\", \"status\": \"imported\", \"entityId\": \"asset_big\"}}"));
    cdn.enqueue(new MockResponse.Builder().code(500).build());
    for (int i = 0; i < 3; i++) {
      cdn.enqueue(new MockResponse.Builder().code(200).build());
    }
    List<Long> progress = new ArrayList<>();

    String assetId = client().assets().uploadImage(file, (bytes, total) -> progress.add(bytes));

    assertThat(assetId).isEqualTo("asset_big");
    assertThat(api.takeRequest().getBody().utf8()).isEqualTo("{\"fileName\":\"big.png\",\"contentType\":\"image/png\","
        + "\"fileSize\":" + size + ",\"kind\":\"image\",\"parts\":3}");
    List<RecordedRequest> puts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      puts.add(cdn.takeRequest());
    }
    assertThat(puts).extracting(RecordedRequest::getMethod).containsOnly("PUT");
    assertThat(puts).extracting(r -> r.getHeaders().get("Authorization")).containsOnlyNulls();
    assertThat(puts).extracting(r -> r.getUrl().encodedPath()).containsExactly("/part1", "/part1", "/part2", "/part3");
    assertThat(puts).extracting(RecordedRequest::getBodySize)
        .containsExactly((long) Uploader.PART_SIZE, (long) Uploader.PART_SIZE, (long) Uploader.PART_SIZE, 1_000_000L);
    assertThat(puts.get(3).getBody().toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(image, 2 * Uploader.PART_SIZE, size));
    assertThat(api.takeRequest().getBody().utf8()).isEqualTo("{\"action\":\"complete\"}");
    assertThat(progress).last().isEqualTo((long) size);
  }

  @Test
  void aFailedUploadRaisesUploadFailedWithTheReason() throws Exception {
    byte[] image = withHead(PNG_HEAD, Uploader.PART_SIZE);
    api.enqueue(json("{\"upload\": {\"id\": \"upload_1\", \"parts\": [" + part(1) + "]}}"));
    api.enqueue(json("{\"upload\": {\"id\": \"upload_1\", \"status\": \"failed\", \"errorMessage\": \"Not an image\"}}"));
    cdn.enqueue(new MockResponse.Builder().build());

    assertThatThrownBy(() -> client().assets().uploadImage(image, "big.png"))
        .isInstanceOf(UploadFailedException.class)
        .hasMessage("Upload upload_1 failed: Not an image");
  }

  private LtxClient client() {
    return TestClients.client(api, time);
  }

  @Test
  void resumesABodyThatStallsPastTheReadTimeout() throws Exception {
    api.enqueue(assetResponse("/v.mp4?Signature=s1"));
    AtomicInteger calls = new AtomicInteger();
    cdn.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String range = request.getHeaders().get("Range");
        if (calls.incrementAndGet() == 1) {
          return new MockResponse.Builder().addHeader("Accept-Ranges", "bytes").addHeader("ETag", ETAG)
              .body(new StallingBody(video)).build();
        }
        int from = Integer.parseInt(range.substring(6, range.length() - 1));
        return new MockResponse.Builder().code(206).addHeader("ETag", ETAG)
            .addHeader("Content-Range", "bytes " + from + "-" + (video.length - 1) + "/" + video.length)
            .body(new Buffer().write(video, from, video.length - from)).build();
      }
    });
    LtxClient client = TestClients.builder(api, time).readTimeout(java.time.Duration.ofMillis(500)).build();

    long started = System.nanoTime();
    client.assets().download("asset_abc123", dir.resolve("v.mp4"), DownloadOptions.defaults());

    assertThat(Files.readAllBytes(dir.resolve("v.mp4"))).isEqualTo(video);
    assertThat(calls.get()).isEqualTo(2);
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(2));
  }

  /** Sends the first half of a body, then nothing for 2 s (past the client's read timeout), then the rest. */
  private record StallingBody(byte[] bytes) implements mockwebserver3.MockResponseBody {
    @Override
    public long getContentLength() {
      return bytes.length;
    }

    @Override
    public void writeTo(okio.BufferedSink sink) throws IOException {
      sink.write(bytes, 0, bytes.length / 2);
      sink.flush();
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while stalling");
      }
      sink.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
    }
  }

  private MockResponse assetResponse(String cdnPath) {
    return json("{\"asset\": {\"id\": \"asset_abc123\", \"mimeType\": \"video/mp4\", \"url\": \""
        + cdn.url("/").toString().replaceAll("/$", "") + cdnPath + "\"}}");
  }

  private String part(int n) {
    return "{\"number\": " + n + ", \"url\": \"" + cdn.url("/part" + n) + "?X-Amz-Signature=x\"}";
  }

  private Dispatcher rangeAfterFirst() {
    AtomicInteger calls = new AtomicInteger();
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String range = request.getHeaders().get("Range");
        if (calls.incrementAndGet() == 1 || range == null) {
          return new MockResponse.Builder().addHeader("Accept-Ranges", "bytes").addHeader("ETag", ETAG)
              .body(new Buffer().write(video)).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
        }
        int from = Integer.parseInt(range.substring(6, range.length() - 1));
        return new MockResponse.Builder().code(206).addHeader("ETag", ETAG)
            .addHeader("Content-Range", "bytes " + from + "-" + (video.length - 1) + "/" + video.length)
            .body(new Buffer().write(video, from, video.length - from)).build();
      }
    };
  }

  private static byte[] withHead(byte[] head, int size) {
    byte[] bytes = randomBytes(size);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
