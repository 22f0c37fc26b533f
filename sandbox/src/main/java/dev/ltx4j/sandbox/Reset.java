package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetStore;
import dev.ltx4j.sandbox.internal.JobStore;
import dev.ltx4j.sandbox.internal.UploadStore;

/** Forgets every job, asset, upload, counter, fault and refusal: what a reset, by call or by admin endpoint, does. */
final class Reset implements Runnable {
  private final Refusals refusals;
  private final JobStore jobs;
  private final AssetStore assets;
  private final UploadStore uploads;
  private final Counters counters;
  private final Faults faults;

  Reset(Refusals refusals, JobStore jobs, AssetStore assets, UploadStore uploads, Counters counters, Faults faults) {
    this.refusals = refusals;
    this.jobs = jobs;
    this.assets = assets;
    this.uploads = uploads;
    this.counters = counters;
    this.faults = faults;
  }

  @Override
  public void run() {
    refusals.clear();
    jobs.clear();
    assets.clear();
    uploads.clear();
    counters.clear();
    faults.clear();
  }
}
