package dev.ltx4j.internal.transfer;

import dev.ltx4j.Ltx4jException;
import dev.ltx4j.Ltx4jIoException;
import dev.ltx4j.Sleeper;
import dev.ltx4j.TransferListener;
import dev.ltx4j.UnexpectedResponseException;
import dev.ltx4j.internal.call.CallSpec;
import dev.ltx4j.internal.call.RetryPolicy;
import dev.ltx4j.internal.http.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an asset from its signed URL: resumes with {@code Range} after a broken connection (or starts over when
 * the server cannot resume), fetches a fresh URL on 403/410, checks the length and any announced checksum.
 */
public final class Downloader {
  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final int BUFFER = 256 * 1024;

  private final Call.Factory http; // reads bodies through read-ahead sockets when it can (see ReadAheadSockets)
  private final Sleeper sleeper;
  private final RetryPolicy policy;

  /** {@code policy} counts failures in a row: a connection that delivered bytes before breaking resets the count. */
  public Downloader(Call.Factory http, Sleeper sleeper, RetryPolicy policy) {
    this.http = ReadAheadSockets.over(http);
    this.sleeper = sleeper;
    this.policy = policy;
  }

  /**
   * Downloads to {@code target} through a temporary file beside it, synced and then moved into place at once: the
   * target never holds a partial file, and the temporary file is removed on any failure.
   */
  public long toFile(String url, Supplier<String> freshUrl, Path target, boolean overwrite, TransferListener listener) {
    try (PartFile part = PartFile.beside(target)) {
      long size = download(url, freshUrl, DownloadSink.of(part), listener);
      part.moveTo(target, overwrite);
      return size;
    } catch (IOException e) {
      throw new Ltx4jIoException("Could not write " + target + ": " + e.getMessage(), e);
    } catch (WriteFailure e) {
      throw new Ltx4jIoException("Could not write " + target + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * A write to the destination failed (a full disk, a closed stream): no retry of the download can mend it, so it
   * leaves the retry loop, which only sees network failures, unchecked.
   */
  private static final class WriteFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WriteFailure(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /** Downloads into a caller's stream; it can resume with {@code Range} but never start over once bytes went out. */
  public long toStream(String url, Supplier<String> freshUrl, OutputStream out, TransferListener listener) {
    try {
      return download(url, freshUrl, DownloadSink.of(out), listener);
    } catch (WriteFailure e) {
      throw new Ltx4jIoException("Could not write the download to its stream: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /** Downloads into {@code sink}; {@code freshUrl} reads the asset again for a new signed URL. Returns the size. */
  private long download(String url, Supplier<String> freshUrl, DownloadSink sink, TransferListener listener) {
    long written = 0;
    long total = -1;
    int failures = 0;
    long writtenAtLastFailure = 0;
    Checksum checksum = null;
    String current = url;
    while (true) {
      Request.Builder request = new Request.Builder().url(checked(current));
      if (written > 0) {
        request.header("Range", "bytes=" + written + "-");
      }
      try (Response response = http.newCall(request.build()).execute()) {
        int code = response.code();
        if (code == 403 || code == 410) {
          failures = fail(failures, "the URL was refused with HTTP " + code + "; reading the asset again", null);
          current = freshUrl.get();
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
        if (resumed) {
          total = rangeTotal(response, written);
        } else {
          if (written > 0) {
            if (!sink.restart()) {
              throw new Ltx4jIoException("the download broke after " + written
                  + " bytes and the server cannot resume it", new IOException("no Range support"));
            }
            LOG.debug("The server ignored Range; starting the download over");
            written = 0;
          }
          ResponseBody body = response.body();
          total = body.contentLength();
          checksum = Checksum.from(response.headers());
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
        if (written > writtenAtLastFailure) {
          failures = 0; // a connection that delivered bytes before breaking is progress, not a failure in a row
        }
        writtenAtLastFailure = written;
        failures = fail(failures, e + " after " + written + " bytes", e);
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

  /**
   * Copies through one direct buffer, filled before each write: file writes need no extra copy, are few and large,
   * and the heap stays flat.
   */
  private static void copy(ReadableByteChannel in, DownloadSink sink, long[] position, long total, Checksum checksum,
      TransferListener listener) throws IOException {
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
  static HttpUrl checked(String url) {
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

  private int fail(int failures, String why, IOException cause) {
    int count = failures + 1;
    RetryPolicy.Decision decision = policy.next(RetryPolicy.Failure.TRANSIENT, count);
    if (!decision.retry()) {
      throw new Ltx4jIoException("Downloading the asset failed " + count + " times; last: " + why,
          cause == null ? new IOException(why) : cause);
    }
    LOG.debug("Download interrupted ({}); {}", why, decision.why());
    // The download streams on the caller's thread (a blocking API), so it waits for its retry there as well.
    sleeper.sleep(decision.delay()).join();
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
