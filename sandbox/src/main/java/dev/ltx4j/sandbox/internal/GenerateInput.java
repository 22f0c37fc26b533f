package dev.ltx4j.sandbox.internal;

import java.util.Map;

/**
 * The parameters of an LTX 2.3 Fast generation, read from a body the spec check passed (so every known field has
 * its documented type). Fields the model does not know are dropped, as the service ignores them.
 */
public record GenerateInput(String prompt, String startImage, String endImage, String resolution, Integer duration,
    String aspectRatio, Integer fps, String cameraMotion, Boolean generateAudio) {

  /** The parameters of a request body. */
  public static GenerateInput of(Map<String, Object> body) {
    return new GenerateInput(text(body, "prompt"), text(body, "startImage"), text(body, "endImage"),
        text(body, "resolution"), integer(body, "duration"), text(body, "aspectRatio"), integer(body, "fps"),
        text(body, "cameraMotion"), body.get("generateAudio") instanceof Boolean audio ? audio : null);
  }

  /** The fields sent, in the documented order, as a job echoes them in {@code metadata.input}. */
  public Map<String, Object> echo() {
    return Json.object("prompt", prompt, "startImage", startImage, "endImage", endImage, "resolution", resolution,
        "duration", duration, "aspectRatio", aspectRatio, "fps", fps, "cameraMotion", cameraMotion,
        "generateAudio", generateAudio);
  }

  /** Seconds, default 6. */
  public int durationOrDefault() {
    return duration == null ? 6 : duration;
  }

  /** Frames per second, default 25. */
  public int fpsOrDefault() {
    return fps == null ? 25 : fps;
  }

  /** {@code 1080p} (the default), {@code 2k} or {@code 4k}. */
  public String resolutionOrDefault() {
    return resolution == null ? "1080p" : resolution;
  }

  /** True for 9:16; 16:9 is the default. */
  public boolean portrait() {
    return "9:16".equals(aspectRatio);
  }

  /** True unless {@code generateAudio} is false. */
  public boolean audio() {
    return !Boolean.FALSE.equals(generateAudio);
  }

  private static String text(Map<String, Object> body, String name) {
    return body.get(name) instanceof String value ? value : null;
  }

  private static Integer integer(Map<String, Object> body, String name) {
    return body.get(name) instanceof Number value ? value.intValue() : null;
  }
}
