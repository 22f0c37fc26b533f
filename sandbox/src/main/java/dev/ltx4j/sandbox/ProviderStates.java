package dev.ltx4j.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The provider states the contract tests name, each set up on a freshly reset sandbox. */
final class ProviderStates {
  static final int MAX_PAGE_SIZE = 200;
  private static final Pattern JOB = Pattern.compile("job (job_[A-Za-z0-9_-]+) (succeeded|is queued|is in progress"
      + "(?: at ([0-9.]+))?|failed|was canceled)");
  private static final Pattern NO_JOB = Pattern.compile("job job_[A-Za-z0-9_-]+ does not exist");
  private static final Pattern JOBS = Pattern.compile("jobs ((?:job_[A-Za-z0-9_-]+(?:, | and )?)+) exist");
  private static final Pattern IMAGES =
      Pattern.compile("images? ((?:asset_[A-Za-z0-9_-]+(?:, | and )?)+) (?:is|are) uploaded");
  private static final Pattern UPLOAD = Pattern.compile("upload (upload_[A-Za-z0-9_-]+) (of one part was started"
      + "|has received its one part|was imported as asset (asset_[A-Za-z0-9_-]+))");
  private static final Pattern VIDEOS = Pattern.compile(
      "assets? ((?:asset_[A-Za-z0-9_-]+(?:, | and )?)+) (?:is a generated video|are generated videos)");
  private static final Pattern LIMIT = Pattern.compile("the team runs ([0-9]+) generations, its concurrency limit");
  private static final Pattern RATE = Pattern.compile("the project's request rate is used up for ([0-9]+) seconds");
  private static final Pattern ID = Pattern.compile("(job|asset)_[A-Za-z0-9_-]+");
  private static final Map<String, JobState> JOB_STATES = Map.of("succeeded", JobState.SUCCESS, "is queued",
      JobState.QUEUED, "is in progress", JobState.IN_PROGRESS, "failed", JobState.FAILURE, "was canceled",
      JobState.CANCELED);

  private final Reset reset;
  private final Seeding seeding;
  private final Faults faults;
  private final Refusals refusals;
  private final Clock clock;

  ProviderStates(Reset reset, Seeding seeding, Faults faults, Refusals refusals, Clock clock) {
    this.reset = reset;
    this.seeding = seeding;
    this.faults = faults;
    this.refusals = refusals;
    this.clock = clock;
  }

  /** Resets, then sets up the state of this name, as the facade's {@code applyState} documents them. */
  void apply(String name) {
    reset.run();
    String text = name.trim();
    Matcher matcher;
    if ((matcher = JOB.matcher(text)).matches()) {
      String id = matcher.group(1);
      // the pattern names only the statuses the map holds
      JobState status = Objects.requireNonNull(JOB_STATES.get(matcher.group(2).replaceFirst(" at .*", "")));
      SeedJob seed = SeedJob.of(id, status);
      if (matcher.group(3) != null) {
        seed.progress(Double.parseDouble(matcher.group(3)));
      }
      if (seed.status == JobState.SUCCESS) {
        seed.assetIds("asset_" + id.substring("job_".length()));
      }
      seeding.job(seed);
    } else if ((matcher = JOBS.matcher(text)).matches()) {
      Matcher ids = ID.matcher(matcher.group(1));
      for (int age = 100; ids.find(); age--) { // listed oldest first: the last one named is the newest
        seeding.job(SeedJob.of(ids.group(), JobState.QUEUED).createdAt(clock.instant().minusSeconds(age)));
      }
    } else if ((matcher = IMAGES.matcher(text)).matches()) {
      Matcher ids = ID.matcher(matcher.group(1));
      while (ids.find()) {
        seeding.imageAsset(ids.group());
      }
    } else if ((matcher = UPLOAD.matcher(text)).matches()) {
      String stage = matcher.group(2).startsWith("of one") ? "started"
          : matcher.group(2).startsWith("has received") ? "received" : "imported";
      seeding.upload(matcher.group(1), stage, matcher.group(3));
    } else if ((matcher = VIDEOS.matcher(text)).matches()) {
      Matcher ids = ID.matcher(matcher.group(1));
      while (ids.find()) {
        seeding.videoAsset(ids.group());
      }
    } else if ((matcher = LIMIT.matcher(text)).matches()) {
      int limit = Integer.parseInt(matcher.group(1));
      for (int i = 0; i < limit; i++) {
        seeding.job(SeedJob.of(String.format("job_running%03d", i), JobState.IN_PROGRESS));
      }
      faults.concurrencyLimit(limit);
    } else if ((matcher = RATE.matcher(text)).matches()) {
      refusals.rateUsedUpUntil(clock.instant().plusSeconds(Long.parseLong(matcher.group(1))));
    } else if (text.equals("the API key cannot access protected resources")) {
      refusals.forbid();
    } else if (text.equals("there are more jobs than one page")) {
      // One more than the largest page the spec allows, so it holds whatever pageSize the consumer asks for.
      for (int i = 0; i <= MAX_PAGE_SIZE; i++) {
        seeding.job(SeedJob.of(String.format("job_page%03d", i), JobState.SUCCESS)
            .assetIds(String.format("asset_page%03d", i)).createdAt(clock.instant().minus(Duration.ofMinutes(i))));
      }
    } else if (text.equals("the API key and secret are not recognised") || NO_JOB.matcher(text).matches()) {
      // Nothing beyond the reset: the request brings the unknown credentials or the unknown job id.
    } else {
      throw new IllegalArgumentException("unknown provider state '" + name + "'; known: job <id> succeeded|is queued|"
          + "is in progress [at <p>]|failed|was canceled|does not exist; jobs <id> and <id> exist;"
          + " images <id> and <id> are uploaded; the team runs <n> generations, its concurrency limit;"
          + " there are more jobs than one page;"
          + " upload <id> of one part was started|has received its one part|was imported as asset <id>;"
          + " asset <id> is a generated video; assets <id> and <id> are generated videos;"
          + " the API key and secret are not recognised;"
          + " the API key cannot access protected resources;"
          + " the project's request rate is used up for <n> seconds");
    }
  }
}
