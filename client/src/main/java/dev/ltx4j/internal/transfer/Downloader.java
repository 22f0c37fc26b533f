package dev.ltx4j.internal.transfer;

import dev.ltx4j.Ltx4jException;
import dev.ltx4j.Ltx4jIoException;
import dev.ltx4j.Sleeper;
import dev.ltx4j.TransferListener;
import dev.ltx4j.UnexpectedRedirectException;
import dev.ltx4j.UnexpectedResponseException;
import dev.ltx4j.internal.call.CallSpec;
import dev.ltx4j.internal.call.Failures;
import dev.ltx4j.internal.call.RetryPolicy;
import dev.ltx4j.internal.http.InterruptWatch;
import dev.ltx4j.internal.http.Loopback;
import dev.ltx4j.internal.http.RedirectRefusedIOException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an asset from its signed URL: resumes with {@code Range} after a broken connection (or starts over when
 * the server cannot resume), fetches a fresh URL on 403/410, checks the length and any announced checksum.
 *
 * <p>A resume must continue the same file, never splice two versions of it: it asks with {@code If-Range} and the
 * first answer's validator ({@link Validator}), and starts over when the server sends the whole file, a part of a
 * file with another validator or another length, or 416 (the URL is signed again first). With no validator to ask
 * with, a file download starts over rather than resume blind.
 */
public final class Downloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final int BUFFER = 256 * 1024;

  private final Call.Factory http; // reads bodies through read-ahead sockets when it can (see ReadAheadSockets)
  private final boolean ownsPool;
  private final Sleeper sleeper;
  private final RetryPolicy policy;
  private final InterruptWatch interrupts;

  /** {@code policy} counts failures in a row: a connection that delivered bytes before breaking resets the count. */
  public Downloader(Call.Factory http, Sleeper sleeper, RetryPolicy policy, InterruptWatch interrupts) {
    this.http = ReadAheadSockets.over(http);
    this.ownsPool = this.http != http;
    this.sleeper = sleeper;
    this.policy = policy;
    this.interrupts = interrupts;
  }

  /** Closes the connections of the read-ahead pool, which is the downloader's own. */
  @Override
  public void close() {
    if (ownsPool) {
      ((OkHttpClient) http).connectionPool().evictAll();
    }
  }

  /**
   * Downloads to {@code target} through a temporary file beside it, synced and then moved into place at once: the
   * target never holds a partial file, and the temporary file is removed on any failure.
   */
  public long toFile(@Nullable String url, Supplier<String> freshUrl, Path target, boolean overwrite,
      TransferListener listener) {
    try (PartFile part = PartFile.beside(target)) {
      long size = download(url, freshUrl, DownloadSink.of(part), listener);
      part.moveTo(target, overwrite);
      return size;
    } catch (IOException e) {
      throw Thread.currentThread().isInterrupted() ? interrupted()
          : new Ltx4jIoException("Could not write " + target + ": " + e.getMessage(), e);
    } catch (WriteFailure e) {
      // An interrupt closes a file channel mid-write (ClosedByInterruptException): the download was interrupted.
      throw Thread.currentThread().isInterrupted() ? interrupted()
          : new Ltx4jIoException("Could not write " + target + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * A write to the destination failed (a full disk, a closed stream): no retry of the download can mend it, so it
   * leaves the retry loop, which only sees network failures, unchecked.
   */
  private static final class WriteFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final IOException failure;

    WriteFailure(IOException failure) {
      super(failure);
      this.failure = failure;
    }

    @Override
    public synchronized IOException getCause() {
      return failure;
    }
  }

  /** Downloads into a caller's stream; it can resume with {@code Range} but never start over once bytes went out. */
  public long toStream(@Nullable String url, Supplier<String> freshUrl, OutputStream out, TransferListener listener) {
    try {
      return download(url, freshUrl, DownloadSink.of(out), listener);
    } catch (WriteFailure e) {
      throw Thread.currentThread().isInterrupted() ? interrupted()
          : new Ltx4jIoException("Could not write the download to its stream: " + e.getCause().getMessage(),
              e.getCause());
    }
  }

  /** Downloads into {@code sink}; {@code freshUrl} reads the asset again for a new signed URL. Returns the size. */
  private long download(@Nullable String url, Supplier<String> freshUrl, DownloadSink sink, TransferListener listener) {
    long written = 0;
    long total = -1;
    int failures = 0;
    long writtenAtLastFailure = 0;
    Checksum checksum = null;
    Validator validator = null;
    String current = url;
    while (true) {
      if (written > 0 && validator == null && sink.canRestart()) {
        written = restart(sink, "the server named no version of the file to resume it by");
      }
      Request.Builder request = new Request.Builder().url(checked(current));
      if (written > 0) {
        request.header("Range", "bytes=" + written + "-");
        if (validator != null) {
          request.header("If-Range", validator.value());
        }
      }
      Call call = http.newCall(request.build());
      try (InterruptWatch.Watch watch = interrupts.watch(call::cancel); Response response = call.execute()) {
        int code = response.code();
        if (code == 403 || code == 410) {
          failures = fail(failures, "the URL was refused with HTTP " + code + "; reading the asset again", null);
          current = freshUrl.get();
          continue;
        }
        if (code == 416 && written > 0) {
          // The range is past the end of what the URL serves now: the file changed, or the URL points elsewhere.
          failures = fail(failures, "HTTP 416 on a resume; reading the asset again and starting over", null);
          current = freshUrl.get();
          written = restartOrFail(sink, written, "the server refused the resume (HTTP 416)");
          validator = null;
          continue;
        }
        if (RetryPolicy.ofStatus(CallSpec.Kind.READ, code) == RetryPolicy.Failure.TRANSIENT) {
          failures = fail(failures, "HTTP " + code, null);
          continue;
        }
        boolean resumed = code == 206;
        if (!response.isSuccessful() || (code != 200 && !resumed)) {
          throw new Ltx4jException("Downloading the asset failed with HTTP " + code);
        }
        if (resumed && written == 0) {
          throw new Ltx4jException("Downloading the asset failed: HTTP 206 to a request for the whole file");
        }
        if (resumed) {
          long announced = rangeTotal(response, written);
          Validator now = Validator.of(response.headers());
          if (validator != null && now != null && !validator.equals(now) || total >= 0 && announced >= 0
              && announced != total) {
            // Another version of the file: what was written belongs to the old one.
            written = restartOrFail(sink, written, "the file changed on the server since the download began");
            validator = null;
            continue;
          }
          total = announced;
        } else {
          if (written > 0) {
            written = restartOrFail(sink, written, "the server cannot resume it");
            LOG.debug("The server sent the whole file again; starting the download over");
          }
          ResponseBody body = response.body();
          total = body.contentLength();
          checksum = Checksum.from(response.headers());
          validator = Validator.of(response.headers());
        }
        if (checksum != null && written == 0) {
          checksum.reset();
        }
        BufferedSource source = response.body().source();
        if (response.protocol() == Protocol.HTTP_1_1 || response.protocol() == Protocol.HTTP_1_0) {
          // OkHttp bounds each HTTP/1 read twice: by the socket's own read timeout (SO_TIMEOUT, set to the client's
          // read timeout) and by Okio's watchdog thread, woken for every read of at most 8 KiB. The socket's bound
          // is enough for a body, and a large download then costs less CPU; HTTP/2 streams keep their watchdog.
          source.timeout().clearTimeout();
        }
        long[] position = {written};
        try {
          copy(source, sink, position, total, checksum, listener);
        } finally {
          written = position[0]; // bytes that reached the sink count, even when the body then broke off
        }
        if (total >= 0 && written < total) {
          throw new IOException("the body ended after " + written + " of " + total + " bytes");
        }
        break;
      } catch (IOException e) {
        RedirectRefusedIOException redirect = Failures.causeOf(e, RedirectRefusedIOException.class);
        if (redirect != null) {
          throw new UnexpectedRedirectException("Downloading the asset", redirect.status(), redirect.location(),
              redirect.reason());
        }
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted();
        }
        if (written > writtenAtLastFailure) {
          failures = 0; // a connection that delivered bytes before breaking is progress, not a failure in a row
        }
        writtenAtLastFailure = written;
        failures = fail(failures, Failures.describe(e) + " after " + written + " bytes", e);
      }
    }
    if (total >= 0 && written != total) {
      throw new Ltx4jException("Downloaded " + written + " bytes but the server announced " + total);
    }
    String mismatch = checksum == null ? null : checksum.mismatch();
    if (mismatch != null) {
      throw new Ltx4jException("The download is corrupt: " + mismatch);
    }
    return written;
  }

  /** Drops what was written; returns the new position, 0. */
  private static long restart(DownloadSink sink, String why) {
    try {
      if (!sink.restart()) {
        throw new IllegalStateException("a sink that cannot restart was asked to");
      }
    } catch (IOException e) {
      throw new WriteFailure(e);
    }
    LOG.debug("Starting the download over: {}", why);
    return 0;
  }

  /** {@link #restart}, or a failure naming {@code why} when the sink (a caller's stream) cannot start over. */
  private static long restartOrFail(DownloadSink sink, long written, String why) {
    if (!sink.canRestart()) {
      throw new Ltx4jIoException("the download broke after " + written + " bytes and cannot go on: " + why,
          new IOException(why));
    }
    return restart(sink, why);
  }

  /** The download's thread was interrupted: it ends now, the interrupt status kept. */
  private static Ltx4jIoException interrupted() {
    return new Ltx4jIoException("The download was interrupted", new InterruptedIOException("interrupted"));
  }

  /**
   * Copies through one direct buffer, filled before each write: file writes need no extra copy, are few and large,
   * and the heap stays flat.
   */
  private static void copy(ReadableByteChannel in, DownloadSink sink, long[] position, long total,
      @Nullable Checksum checksum, TransferListener listener) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    boolean open = true;
    while (open) {
      try {
        while (buffer.hasRemaining() && (open = in.read(buffer) >= 0)) {
          // fill the buffer: Okio hands over at most 8 KiB a read (from memory, on a read-ahead socket)
        }
      } finally {
        // Bytes that arrived before a broken connection still count: a resume starts after them.
        buffer.flip();
        int n = buffer.remaining();
        if (n > 0) {
          if (checksum != null) {
            checksum.update(buffer);
            buffer.flip(); // the digest consumed the bytes: back to 0..n for the write
          }
          try {
            sink.write(buffer);
          } catch (IOException local) {
            throw new WriteFailure(local);
          }
          position[0] += n;
          listener.onProgress(position[0], total);
        }
        buffer.clear();
      }
    }
  }

  /**
   * Only {@code https}, or {@code http} to a loopback address (the sandbox), is followed: an asset URL comes from
   * the service's answer, and a {@code file:} or plain-HTTP URL there is not one to trust. The URL itself is not
   * printed: its signature lets anyone fetch the file.
   */
  static HttpUrl checked(@Nullable String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null) {
      String scheme = url == null ? "none" : url.contains(":") ? url.substring(0, url.indexOf(':')) : "none";
      throw new UnexpectedResponseException("The asset's URL is not an http(s) URL (scheme: " + scheme + ")");
    }
    if (!parsed.isHttps() && !Loopback.is(parsed.host())) {
      throw new UnexpectedResponseException("The asset's URL is plain HTTP to " + parsed.host()
          + "; only HTTPS is followed off the loopback address");
    }
    return parsed;
  }

  private int fail(int failures, String why, @Nullable IOException cause) {
    int count = failures + 1;
    RetryPolicy.Decision decision = policy.next(RetryPolicy.Failure.TRANSIENT, count);
    Duration delay = decision.delay();
    if (delay == null) {
      throw new Ltx4jIoException("Downloading the asset failed " + count + " times; last: " + why,
          cause == null ? new IOException(why) : cause);
    }
    LOG.debug("Download interrupted ({}); {}", why, decision.why());
    // The download streams on the caller's thread (a blocking API), so it waits for its retry there as well.
    try {
      sleeper.sleep(delay).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted();
    } catch (ExecutionException e) {
      throw new Ltx4jException("the download's retry wait failed", e.getCause());
    }
    return count;
  }

  private static long rangeTotal(Response response, long written) throws IOException {
    String range = response.header("Content-Range");
    Matcher matcher = range == null ? null : CONTENT_RANGE.matcher(range);
    if (matcher == null || !matcher.matches() || Long.parseLong(matcher.group(1)) != written) {
      throw new IOException("a resumed response started elsewhere than byte " + written + ": " + range);
    }
    return matcher.group(3).equals("*") ? -1 : Long.parseLong(matcher.group(3));
  }
}
