package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetRecord;
import dev.ltx4j.sandbox.internal.AssetStore;
import dev.ltx4j.sandbox.internal.FileBody;
import dev.ltx4j.sandbox.internal.Responses;
import dev.ltx4j.sandbox.internal.UploadRecord;
import dev.ltx4j.sandbox.internal.UploadStore;
import dev.ltx4j.sandbox.internal.UrlSigner;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The CDN listener: signed, expiring asset URLs streamed from disk with {@code Range} support, and presigned
 * upload part URLs. It needs no credentials and records any {@code Authorization} header it is sent.
 */
final class CdnDispatcher extends Dispatcher {
  private static final Pattern PART = Pattern.compile("/upload-parts/([^/]+)/([0-9]+)");
  private final Prelude prelude;
  private final UrlSigner signer;
  private final AssetStore assets;
  private final UploadStore uploads;
  private final Faults faults;
  private final Counters counters;
  private final Clock clock;

  CdnDispatcher(Prelude prelude, UrlSigner signer, AssetStore assets, UploadStore uploads, Faults faults,
      Counters counters, Clock clock) {
    this.prelude = prelude;
    this.signer = signer;
    this.assets = assets;
    this.uploads = uploads;
    this.faults = faults;
    this.counters = counters;
    this.clock = clock;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String authorization = request.getHeaders().get("Authorization");
    if (authorization != null) {
      counters.cdnAuthorization(authorization);
    }
    Endpoint endpoint = request.getMethod().equals("PUT") ? Endpoint.CDN_UPLOAD_PART : Endpoint.CDN_DOWNLOAD;
    return prelude.run(request, endpoint, passed -> respond(passed, endpoint));
  }

  private MockResponse respond(RecordedRequest request, Endpoint endpoint) {
    UrlSigner.Verdict verdict = signer.verify(request.getUrl(), clock.instant());
    if (verdict != UrlSigner.Verdict.VALID && !seededPart(request, endpoint)) {
      return Responses.message(403, verdict == UrlSigner.Verdict.EXPIRED
          ? "Access denied: the URL has expired; read the asset again for a fresh one"
          : "Access denied: the URL's signature does not match");
    }
    String path = request.getUrl().encodedPath();
    if (endpoint == Endpoint.CDN_UPLOAD_PART) {
      return part(path, request.getBody());
    }
    if (!request.getMethod().equals("GET")) {
      return Responses.message(405, "Method not allowed");
    }
    Optional<AssetRecord> asset = assets.byCdnPath(path);
    AssetRecord.StoredFile file = asset.map(AssetRecord::ready).orElse(null);
    if (asset.isEmpty() || file == null) {
      return Responses.message(404, "Not found");
    }
    return download(asset.get(), file, request.getHeaders().get("Range"));
  }

  /** A seeded upload's part URLs were handed out by a test fixture, not signed here: any signature goes. */
  private boolean seededPart(RecordedRequest request, Endpoint endpoint) {
    Matcher part = PART.matcher(request.getUrl().encodedPath());
    if (endpoint != Endpoint.CDN_UPLOAD_PART || !part.matches()) {
      return false;
    }
    UploadRecord record = uploads.get(part.group(1));
    return record != null && record.seeded();
  }

  private MockResponse download(AssetRecord asset, AssetRecord.StoredFile file, @Nullable String rangeHeader) {
    ByteRange range = ByteRange.parse(rangeHeader, file.size());
    if (range == ByteRange.UNSATISFIABLE) {
      return new MockResponse.Builder().code(416).setHeader("Content-Range", "bytes */" + file.size()).build();
    }
    ByteRange served = range == null ? new ByteRange(0, file.size() - 1) : range;
    long length = served.length();
    MockResponse.Builder response = new MockResponse.Builder()
        .code(range == null ? 200 : 206)
        .setHeader("Content-Type", asset.mimeType())
        .setHeader("Accept-Ranges", "bytes")
        .setHeader("Cache-Control", "private, max-age=86400")
        .body(new FileBody(file.path(), served.first(), length));
    if (faults.drawTruncation()) {
      // MockWebServer cuts the body off halfway through the promised Content-Length and drops the connection.
      response.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE);
      counters.fault(FaultKind.TRUNCATED_DOWNLOAD, Endpoint.CDN_DOWNLOAD);
    }
    if (range != null) {
      response.setHeader("Content-Range", "bytes " + served.first() + "-" + served.last() + "/" + file.size());
    }
    return response.build();
  }

  private MockResponse part(String path, @Nullable ByteString body) {
    Matcher matcher = PART.matcher(path);
    UploadRecord upload = matcher.matches() ? uploads.get(matcher.group(1)) : null;
    if (upload == null) {
      return Responses.message(404, "Not found");
    }
    int number = Integer.parseInt(matcher.group(2));
    if (number < 1 || number > upload.partCount() || upload.completed()) {
      return Responses.message(400, "Part " + number + " cannot be uploaded");
    }
    try {
      uploads.storePart(upload, number, body == null ? ByteString.EMPTY : body);
    } catch (IOException e) {
      return Responses.message(500, "Could not store the part: " + e.getMessage());
    }
    return new MockResponse.Builder().code(200).setHeader("ETag", "\"" + (body == null ? ByteString.EMPTY : body)
        .md5().hex() + "\"").build();
  }
}
