package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.UrlSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;

/** Signed URLs on the CDN listener, which the API hands out: asset files and upload parts. */
final class CdnLinks {
  private final UrlSigner signer;
  private final HttpUrl base;
  private final Clock clock;
  private final Faults faults;
  private final Duration lifetime;

  /**
   * @param base the CDN listener's root
   * @param lifetime how long an asset URL stays valid unless a fault knob says otherwise
   */
  CdnLinks(UrlSigner signer, HttpUrl base, Clock clock, Faults faults, Duration lifetime) {
    this.signer = signer;
    this.base = base;
    this.clock = clock;
    this.faults = faults;
    this.lifetime = lifetime;
  }

  /** An asset file's URL, valid for the configured (or faulted) lifetime. */
  HttpUrl asset(String path) {
    return signed(path, clock.instant().plus(faults.effectiveUrlLifetime(lifetime)));
  }

  /** A URL for {@code path} that expires at {@code expires}. */
  HttpUrl signed(String path, Instant expires) {
    return signer.sign(base, path, expires);
  }
}
