package dev.ltx4j.sandbox.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/** The sandbox's multipart uploads by id, and the parts PUT to them, kept as files below one directory. */
public final class UploadStore {
  private final Map<String, UploadRecord> uploads = new ConcurrentHashMap<>();
  private final Path partsDir;

  /** @param partsDir where parts are written, one directory per upload */
  public UploadStore(Path partsDir) {
    this.partsDir = partsDir;
  }

  public void add(UploadRecord upload) {
    uploads.put(upload.id(), upload);
  }

  /** The upload with this id, or null. */
  public @Nullable UploadRecord get(String id) {
    return uploads.get(id);
  }

  /** Writes part {@code number} of an upload to disk and records it on the upload. */
  public void storePart(UploadRecord upload, int number, ByteString bytes) throws IOException {
    Path part = Files.createDirectories(partsDir.resolve(upload.id())).resolve(Integer.toString(number));
    try (OutputStream out = Files.newOutputStream(part)) {
      bytes.write(out);
    }
    upload.parts().put(number, part);
  }

  public void clear() {
    uploads.clear();
  }
}
