package dev.ltx4j.internal.transfer;

import dev.ltx4j.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An image to upload: its name, size, detected type, and a way to read any byte range again, so that a failed part
 * can be sent again (a file is reopened for every read).
 */
public abstract class ImageSource {
  private final String name;
  private final long size;
  private final ImageType type;

  ImageSource(String name, long size, byte[] head) {
    this.name = name;
    this.size = size;
    this.type = ImageType.detect(head).orElseThrow(() -> new InvalidRequestException("image", "'" + name
        + "' is not a supported image (JPEG, PNG, GIF, WebP, AVIF, TIFF, HEIC or SVG); it starts with "
        + HexFormat.ofDelimiter(" ").formatHex(Arrays.copyOf(head, Math.min(head.length, 8)))));
  }

  public String name() {
    return name;
  }

  public long size() {
    return size;
  }

  ImageType type() {
    return type;
  }

  /** Reads {@code length} bytes from {@code offset}. */
  public abstract byte[] read(long offset, int length) throws IOException;

  public static ImageSource of(Path file) throws IOException {
    long size = Files.size(file);
    return new ImageSource(file.getFileName().toString(), size, readRange(file, 0, (int) Math.min(size, ImageType.HEAD))) {
      @Override
      public byte[] read(long offset, int length) throws IOException {
        return readRange(file, offset, length);
      }
    };
  }

  public static ImageSource of(byte[] bytes, String name) {
    return new ImageSource(name, bytes.length, Arrays.copyOf(bytes, Math.min(bytes.length, ImageType.HEAD))) {
      @Override
      public byte[] read(long offset, int length) {
        return Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
      }
    };
  }

  /** A stream can be read only once: it is read whole into memory first. */
  public static ImageSource of(InputStream in, String name) throws IOException {
    return of(in.readAllBytes(), name);
  }

  private static byte[] readRange(Path file, long offset, int length) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
        // keep reading until the range is full or the file ends
      }
      return buffer.position() == length ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
    }
  }
}
