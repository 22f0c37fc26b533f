package dev.ltx4j.cli;

import dev.ltx4j.LtxRequest;
import dev.ltx4j.batch.BatchQuote;
import dev.ltx4j.batch.NewLine;
import dev.ltx4j.batch.RequestKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A batch file read for a store: each line's request checked ({@link BatchFile}) and kept as the file wrote it, and
 * the batch's id, a digest of the file, so that running the same file again joins the same batch.
 */
record BatchLines(String batchId, Path file, List<BatchFile.Line> lines, List<String> json) {
  static BatchLines read(Path file) throws IOException {
    List<BatchFile.Line> lines = BatchFile.read(file);
    List<String> texts = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> json = new ArrayList<>();
    for (BatchFile.Line line : lines) {
      String text = texts.get(line.number() - 1).strip();
      json.add(line.number() == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return new BatchLines("batch-" + HexFormat.of().formatHex(digest, 0, 6), file, lines, json);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  List<LtxRequest> requests() {
    return lines.stream().map(BatchFile.Line::request).toList();
  }

  /** The lines to record, each with its estimate from {@code quote} (0 without one). */
  List<NewLine> newLines(@Nullable BatchQuote quote) {
    List<NewLine> newLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      BatchFile.Line line = lines.get(i);
      newLines.add(new NewLine(line.number(), json.get(i), RequestKey.of(line.request()),
          quote == null ? 0 : quote.perLine().get(i)));
    }
    return newLines;
  }

  /** Reads a line's stored JSON back into its request, as the batch file's reader did. */
  static LtxRequest decode(String json) {
    try {
      return RequestFields.toRequest((Map<?, ?>) CliJson.parse(json));
    } catch (IOException e) {
      throw new IllegalStateException("a stored batch line is not JSON: " + json, e);
    }
  }
}
