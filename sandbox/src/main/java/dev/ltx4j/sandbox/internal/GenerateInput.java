package dev.ltx4j.sandbox.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of an LTX 2.3 Fast generation, read from a body the spec check passed (so every known field has
 * its documented type): the request schema's properties, in the spec's order, so that a property added to the spec
 * is accepted and echoed with nothing else changed. Fields the model does not know are dropped, as the service
 * ignores them.
 */
public record GenerateInput(Map<String, Object> fields) {
  public GenerateInput {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The parameters of a request body. */
  public static GenerateInput of(Map<String, Object> body) {
    Map<String, Object> known = new LinkedHashMap<>();
    for (String name : StrictSpec.requestProperties()) {
      if (body.get(name) != null) {
        known.put(name, body.get(name));
      }
    }
    return new GenerateInput(known);
  }

  /** The fields sent, in the spec's order, as a job echoes them in {@code metadata.input}; a copy to add to. */
  public Map<String, Object> echo() {
    return new LinkedHashMap<>(fields);
  }

  public @Nullable String prompt() {
    return text("prompt");
  }

  public @Nullable String startImage() {
    return text("startImage");
  }

  public @Nullable String endImage() {
    return text("endImage");
  }

  public @Nullable String resolution() {
    return text("resolution");
  }

  public @Nullable Integer duration() {
    return fields.get("duration") instanceof Number value ? value.intValue() : null;
  }

  public @Nullable String aspectRatio() {
    return text("aspectRatio");
  }

  public @Nullable Integer fps() {
    return fields.get("fps") instanceof Number value ? value.intValue() : null;
  }

  public @Nullable String cameraMotion() {
    return text("cameraMotion");
  }

  public @Nullable Boolean generateAudio() {
    return fields.get("generateAudio") instanceof Boolean audio ? audio : null;
  }

  /** Seconds, else the spec's default. */
  public int durationOrDefault() {
    return ((Number) orDefault("duration")).intValue();
  }

  /** Frames per second, else the spec's default. */
  public int fpsOrDefault() {
    return ((Number) orDefault("fps")).intValue();
  }

  /** {@code 1080p}, {@code 2k} or {@code 4k}, else the spec's default. */
  public String resolutionOrDefault() {
    return String.valueOf(orDefault("resolution"));
  }

  private Object orDefault(String name) {
    Object value = fields.get(name);
    Object fallback = value != null ? value : StrictSpec.requestDefaults().get(name);
    if (fallback == null) {
      throw new IllegalStateException("the bundled spec states no default for " + name);
    }
    return fallback;
  }

  /** True for 9:16; 16:9 is the default. */
  public boolean portrait() {
    return "9:16".equals(aspectRatio());
  }

  /** True unless {@code generateAudio} is false. */
  public boolean audio() {
    return !Boolean.FALSE.equals(generateAudio());
  }

  private @Nullable String text(String name) {
    return fields.get(name) instanceof String value ? value : null;
  }
}
