package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.AssetRecord;
import dev.ltx4j.sandbox.internal.AssetStore;
import dev.ltx4j.sandbox.internal.CostModel;
import dev.ltx4j.sandbox.internal.Dialect;
import dev.ltx4j.sandbox.internal.GenerateInput;
import dev.ltx4j.sandbox.internal.Ids;
import dev.ltx4j.sandbox.internal.JobRecord;
import dev.ltx4j.sandbox.internal.JobSpec;
import dev.ltx4j.sandbox.internal.JobStore;
import dev.ltx4j.sandbox.internal.Json;
import dev.ltx4j.sandbox.internal.Responses;
import dev.ltx4j.sandbox.internal.Schedule;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** {@code POST /v1/generate/custom/{modelId}}: quotes, the >10 s rule, and new jobs with their videos. */
final class Generations {
  static final String FAIL_TRIGGER = "[fail]";
  static final String LONG_RULE =
      "Durations longer than 10 seconds are only supported at 1080p with 24 or 25 FPS.";

  private final JobStore jobs;
  private final AssetStore assets;
  private final Videos videos;
  private final Ids ids;
  private final Timeline timeline;
  private final Faults faults;
  private final Ceiling ceiling;
  private final Counters counters;
  private final GenerationLoad load;
  private final Dialect dialect;
  private final int quoteStatus;

  Generations(JobStore jobs, AssetStore assets, Videos videos, Ids ids, Timeline timeline, Faults faults,
      Ceiling ceiling, Counters counters, GenerationLoad load, Dialect dialect, int quoteStatus) {
    this.jobs = jobs;
    this.assets = assets;
    this.videos = videos;
    this.ids = ids;
    this.timeline = timeline;
    this.faults = faults;
    this.ceiling = ceiling;
    this.counters = counters;
    this.load = load;
    this.dialect = dialect;
    this.quoteStatus = quoteStatus;
  }

  /** Answers a generation whose body already passed the spec check. */
  MockResponse generate(String modelId, HttpUrl url, @Nullable String body) {
    if (!Model.ID.equals(modelId)) {
      return Responses.reason(404, "Model " + modelId + " not found: the sandbox simulates only " + Model.ID);
    }
    GenerateInput input;
    try {
      input = GenerateInput.of(Json.readObject(body));
    } catch (IllegalArgumentException e) {
      return Responses.reason(400, e.getMessage());
    }
    String prompt = input.prompt();
    if (prompt == null) {
      return Responses.reason(400, "Input prompt is required");
    }
    if (input.endImage() != null && input.startImage() == null) {
      return Responses.reason(400, "Input endImage requires startImage");
    }
    if (breaksLongRule(input)) {
      return Responses.reason(400, LONG_RULE);
    }
    double cost = CostModel.cost(input);
    if ("true".equals(url.queryParameter("dryRun"))) {
      return Responses.json(quoteStatus, Json.object("creativeUnitsCost", cost,
          "creativeUnitsDiscount", 0.0, "costDetails", CostModel.details(input)));
    }
    int limit = ceiling.current();
    if (limit > 0 && jobs.running(timeline.now(), "custom") >= limit) {
      counters.concurrencyRefusal();
      return Responses.json(429, Json.object("reason", "Too many concurrent jobs",
          "details", Json.object("actionName", "generate", "actionLimit", limit)));
    }
    if (!faults.spend(cost)) {
      return Responses.reason(402, "Not enough creative units to run this generation (it costs " + cost + ")");
    }
    JobRecord job = create(input, prompt, cost);
    MockResponse answer = Responses.json(200, Json.object("job", job.view(timeline.now()).toJson(dialect),
        "creativeUnitsCost", cost, "creativeUnitsDiscount", 0.0));
    if (faults.drawResetAfterAccept()) {
      counters.fault(FaultKind.RESET_AFTER_ACCEPT, Endpoint.GENERATE);
      return FaultEffects.reset();
    }
    return answer;
  }

  private JobRecord create(GenerateInput request, String prompt, double cost) {
    Map<String, Object> input = request.echo();
    input.put("modelId", Model.ID);
    counters.submission(Json.write(new TreeMap<>(input)));

    String jobId = ids.next("job");
    String assetId = ids.next("asset");
    Failure failure = failure(request, prompt);
    Schedule schedule = timeline.schedule(request.durationOrDefault());
    schedule = failure == null ? schedule : schedule.failing();
    AssetRecord output = null;
    if (failure == null) {
      output = videos.generated(assetId, request);
      assets.add(output);
    }
    AssetRecord video = output;
    JobSpec spec = new JobSpec(jobId, "custom", timeline.now(), input, cost, List.of(assetId),
        failure == null ? null : failure.error(), failure == null ? null : failure.hint());
    JobRecord job = JobRecord.scheduled(spec, schedule, () -> {
      AssetRecord.StoredFile file = video == null ? null : video.ready();
      return file == null ? null : file.readyAt();
    });
    jobs.add(job);
    load.created(job);
    return job;
  }

  /** The error and hint a job fails with. */
  private record Failure(String error, String hint) {}

  /** How the job will fail, or null when it is to succeed. */
  private @Nullable Failure failure(GenerateInput request, String prompt) {
    for (String image : new String[] {request.startImage(), request.endImage()}) {
      if (image != null && assets.find(image).isEmpty()) {
        return new Failure("Asset " + image + " was not found.",
            "Upload the image first (POST /v1/assets) and pass the asset id it returns.");
      }
    }
    String retry = "Retry the generation; if it keeps failing, change the prompt.";
    if (prompt.contains(FAIL_TRIGGER)) {
      return new Failure("The generation failed (simulated: the prompt contains " + FAIL_TRIGGER + ").", retry);
    }
    if (faults.drawJobFailure()) {
      counters.fault(FaultKind.JOB_FAILURE, Endpoint.GENERATE);
      return new Failure("The generation failed (simulated failure rate).", retry);
    }
    return null;
  }

  static boolean breaksLongRule(GenerateInput request) {
    int fps = request.fpsOrDefault();
    return request.durationOrDefault() > 10
        && (!request.resolutionOrDefault().equals("1080p") || (fps != 24 && fps != 25));
  }
}
