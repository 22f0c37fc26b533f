package dev.ltx4j.internal.transfer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The image formats Scenario takes, recognised by their first bytes (never by the file name). */
enum ImageType {
  JPEG("image/jpeg"), PNG("image/png"), GIF("image/gif"), WEBP("image/webp"), AVIF("image/avif"),
  TIFF("image/tiff"), HEIC("image/heic"), SVG("image/svg+xml");

  /** How many leading bytes {@link #detect(byte[])} needs at most. */
  static final int HEAD = 1024;

  private final String mimeType;

  ImageType(String mimeType) {
    this.mimeType = mimeType;
  }

  String mimeType() {
    return mimeType;
  }

  /** The format of a file that starts with {@code head}, if it is one Scenario takes. */
  static Optional<ImageType> detect(byte[] head) {
    if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
      return Optional.of(GIF);
    }
    if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
      return Optional.of(WEBP);
    }
    if (startsWith(head, 0, 'I', 'I', 0x2A, 0x00) || startsWith(head, 0, 'M', 'M', 0x00, 0x2A)) {
      return Optional.of(TIFF);
    }
    if (ascii(head, 4, "ftyp")) {
      String brand = head.length >= 12 ? new String(head, 8, 4, StandardCharsets.US_ASCII) : "";
      if (brand.equals("avif") || brand.equals("avis")) {
        return Optional.of(AVIF);
      }
      if (brand.matches("hei[cxms]|hev[cxms]|mif1|msf1")) {
        return Optional.of(HEIC);
      }
    }
    String text = new String(head, 0, Math.min(head.length, HEAD), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    String trimmed = text.replaceFirst("^\uFEFF", "").stripLeading();
    if ((trimmed.startsWith("<?xml") || trimmed.startsWith("<svg") || trimmed.startsWith("<!--")
        || trimmed.startsWith("<!doctype svg")) && text.contains("<svg")) {
      return Optional.of(SVG);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int offset, int... bytes) {
    if (head.length < offset + bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((head[offset + i] & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] head, int offset, String text) {
    return startsWith(head, offset, text.chars().toArray());
  }
}
