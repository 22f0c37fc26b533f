package dev.ltx4j.internal.ops;

import java.time.Duration;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** What a client keeps of its builder's configuration, checked and immutable; never a secret. */
public record ClientSettings(HttpUrl baseUrl, @Nullable String projectId, Duration operationTimeout) {
  /** What a client's {@code toString} shows: where it sends requests, for which project. */
  @Override
  public String toString() {
    return "baseUrl=" + baseUrl + ", projectId=" + projectId;
  }
}
