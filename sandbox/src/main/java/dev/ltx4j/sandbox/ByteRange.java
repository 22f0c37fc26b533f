package dev.ltx4j.sandbox;

import org.jspecify.annotations.Nullable;

/** One byte range of a {@code Range: bytes=…} header; several ranges are served as the whole file. */
record ByteRange(long first, long last) {
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  long length() {
    return last - first + 1;
  }

  /** The range asked for, null for the whole file, or {@link #UNSATISFIABLE}. */
  static @Nullable ByteRange parse(@Nullable String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
      return null;
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String from = spec.substring(0, dash).trim();
      String to = spec.substring(dash + 1).trim();
      if (from.isEmpty()) {
        long suffix = Long.parseLong(to);
        return suffix <= 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long first = Long.parseLong(from);
      long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
      return first >= size || last < first ? UNSATISFIABLE : new ByteRange(first, last);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
