package dev.ltx4j.sandbox.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The sandbox's assets by id. Thread-safe. */
public final class AssetStore {
  private final Map<String, AssetRecord> assets = new ConcurrentHashMap<>();

  public void add(AssetRecord asset) {
    assets.put(asset.id(), asset);
  }

  public Optional<AssetRecord> find(String id) {
    return Optional.ofNullable(assets.get(id));
  }

  /** The asset whose CDN path this is. */
  public Optional<AssetRecord> byCdnPath(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    if (slash < 0 || dot < slash) {
      return Optional.empty();
    }
    return find(path.substring(slash + 1, dot)).filter(asset -> asset.cdnPath().equals(path));
  }

  public void clear() {
    assets.clear();
  }
}
