package dev.ltx4j;

import dev.ltx4j.model.AspectRatio;
import dev.ltx4j.model.CameraMotion;
import dev.ltx4j.model.LtxGenerateRequest;
import dev.ltx4j.model.VideoResolution;
import java.util.Objects;

/**
 * A checked LTX 2.3 Fast generation request. {@link Builder#build()} refuses, before anything is sent or paid for,
 * every value the model does not take, naming the parameter, the value and the allowed values. Unset parameters
 * are left to the service's defaults (1080p, 6 s, 16:9, 25 fps, no camera motion, audio on).
 */
public final class LtxRequest {
  private final LtxGenerateRequest body;

  private LtxRequest(LtxGenerateRequest body) {
    this.body = body;
  }

  /** Returns a builder; only {@link Builder#prompt(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Shorthand for a text-to-video request with every other parameter at its default. */
  public static LtxRequest of(String prompt) {
    return builder().prompt(prompt).build();
  }

  /** The JSON body that will be sent, as the generated model. */
  public LtxGenerateRequest toModel() {
    return body;
  }

  /** Returns a builder holding this request's parameters. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.body = body.toBuilder();
    builder.hasPrompt = true;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LtxRequest that && body.equals(that.body);
  }

  @Override
  public int hashCode() {
    return body.hashCode();
  }

  @Override
  public String toString() {
    return "LtxRequest" + body.toString().substring("LtxGenerateRequest".length());
  }

  /** Collects parameters; {@link #build()} checks them all. */
  public static final class Builder {
    private LtxGenerateRequest.Builder body = LtxGenerateRequest.builder();
    private boolean hasPrompt;

    private Builder() {}

    /** Text describing the video; required and not blank. */
    public Builder prompt(String prompt) {
      body.prompt(Objects.requireNonNull(prompt, "prompt == null"));
      hasPrompt = true;
      return this;
    }

    /** The first frame, an uploaded image's asset id ({@code asset_…}), for image-to-video. */
    public Builder startImage(String assetId) {
      body.startImage(Objects.requireNonNull(assetId, "startImage == null"));
      return this;
    }

    /** The last frame, an asset id, for interpolation; needs {@link #startImage(String)}. */
    public Builder endImage(String assetId) {
      body.endImage(Objects.requireNonNull(assetId, "endImage == null"));
      return this;
    }

    /** Video resolution; default 1080p. Durations over 10 s need 1080p. */
    public Builder resolution(VideoResolution resolution) {
      body.resolution(Objects.requireNonNull(resolution, "resolution == null"));
      return this;
    }

    /** Video resolution by its API spelling: {@code 1080p}, {@code 2k} or {@code 4k}. */
    public Builder resolution(String resolution) {
      return resolution(RequestRules.parse("resolution", resolution, VideoResolution.class));
    }

    /** Duration in seconds: 6 to 20 in steps of 2; default 6. Over 10 s only at 1080p with 24 or 25 fps. */
    public Builder durationSeconds(int seconds) {
      body.duration(seconds);
      return this;
    }

    /** Aspect ratio; default 16:9. */
    public Builder aspectRatio(AspectRatio aspectRatio) {
      body.aspectRatio(Objects.requireNonNull(aspectRatio, "aspectRatio == null"));
      return this;
    }

    /** Aspect ratio by its API spelling: {@code 16:9} or {@code 9:16}. */
    public Builder aspectRatio(String aspectRatio) {
      return aspectRatio(RequestRules.parse("aspectRatio", aspectRatio, AspectRatio.class));
    }

    /** Frames per second: 24, 25, 48 or 50; default 25. */
    public Builder fps(int fps) {
      body.fps(fps);
      return this;
    }

    /** Camera motion; default none. */
    public Builder cameraMotion(CameraMotion cameraMotion) {
      body.cameraMotion(Objects.requireNonNull(cameraMotion, "cameraMotion == null"));
      return this;
    }

    /** Camera motion by its API spelling, e.g. {@code dolly_in}. */
    public Builder cameraMotion(String cameraMotion) {
      return cameraMotion(RequestRules.parse("cameraMotion", cameraMotion, CameraMotion.class));
    }

    /** Whether to generate synchronized audio; default true. */
    public Builder generateAudio(boolean generateAudio) {
      body.generateAudio(generateAudio);
      return this;
    }

    /**
     * Checks every parameter and returns the request.
     *
     * @throws InvalidRequestException naming the first parameter at fault, its value and the allowed values
     */
    public LtxRequest build() {
      if (!hasPrompt) {
        // The generated builder would throw NullPointerException: a missing prompt is an invalid request.
        throw new InvalidRequestException("prompt", "prompt is required: text describing the video");
      }
      LtxGenerateRequest request = body.build();
      RequestRules.check(request);
      return new LtxRequest(request);
    }
  }
}
