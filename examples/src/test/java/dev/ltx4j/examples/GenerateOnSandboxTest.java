package dev.ltx4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateOnSandboxTest {
  @TempDir Path dir;

  @Test
  void theProgramSavesOneMp4() throws IOException {
    GenerateOnSandbox.main(new String[] {dir.toString()});

    List<Path> videos;
    try (Stream<Path> files = Files.list(dir)) {
      videos = files.filter(file -> file.toString().endsWith(".mp4")).toList();
    }
    assertEquals(1, videos.size());
    byte[] head = Files.readAllBytes(videos.get(0));
    assertEquals("ftyp", new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII), "an MP4 file");
    assertTrue(head.length > 10_000);
  }
}
