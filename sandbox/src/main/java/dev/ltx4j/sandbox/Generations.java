package dev.ltx4j.sandbox;

import com.squareup.moshi.JsonAdapter;
import dev.ltx4j.LtxClient;
import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.AspectRatio;
import dev.ltx4j.model.ErrorDetails;
import dev.ltx4j.model.ErrorResponse;
import dev.ltx4j.model.GenerateResponse;
import dev.ltx4j.model.Job;
import dev.ltx4j.model.LtxGenerateRequest;
import dev.ltx4j.model.VideoResolution;
import dev.ltx4j.sandbox.internal.AssetRecord;
import dev.ltx4j.sandbox.internal.CostModel;
import dev.ltx4j.sandbox.internal.JobRecord;
import dev.ltx4j.sandbox.internal.Responses;
import dev.ltx4j.sandbox.internal.Schedule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/** {@code POST /v1/generate/custom/{modelId}}: quotes, the >10 s rule, and new jobs with their videos. */
final class Generations {
  static final String FAIL_TRIGGER = "[fail]";
  static final String LONG_RULE =
      "Durations longer than 10 seconds are only supported at 1080p with 24 or 25 FPS.";
  private static final JsonAdapter<LtxGenerateRequest> REQUEST = Json.moshi().adapter(LtxGenerateRequest.class);
  private static final JsonAdapter<Object> ANY = Json.moshi().adapter(Object.class);

  private final State state;

  Generations(State state) {
    this.state = state;
  }

  MockResponse generate(String modelId, HttpUrl url, String body) {
    if (!LtxClient.LTX_MODEL_ID.equals(modelId)) {
      return Responses.reason(404, "Model " + modelId + " not found: the sandbox simulates only "
          + LtxClient.LTX_MODEL_ID);
    }
    LtxGenerateRequest request;
    try {
      request = REQUEST.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return Responses.reason(400, "Invalid JSON body: " + e.getMessage());
    }
    if (request == null || request.prompt() == null) {
      return Responses.reason(400, "Input prompt is required");
    }
    if (request.endImage() != null && request.startImage() == null) {
      return Responses.reason(400, "Input endImage requires startImage");
    }
    if (breaksLongRule(request)) {
      return Responses.reason(400, LONG_RULE);
    }
    double cost = CostModel.cost(request);
    if ("true".equals(url.queryParameter("dryRun"))) {
      return Responses.json(state.settings.quoteStatus(), new GenerateResponse(
          Job.builder().build(), cost, 0.0, CostModel.details(request)));
    }
    int limit = state.faults.concurrencyLimit();
    if (limit > 0 && state.jobs.running(state.now(), "custom") >= limit) {
      return Responses.json(429, ErrorResponse.builder().reason("Too many concurrent jobs")
          .details(ErrorDetails.builder().actionName("generate").actionLimit(limit).build()).build());
    }
    JobRecord job = create(request, cost);
    MockResponse answer = Responses.json(200, new GenerateResponse(job.view(state.now()), cost, 0.0, null));
    if (state.faults.drawResetAfterAccept()) {
      state.counters.fault(FaultKind.RESET_AFTER_ACCEPT, Endpoint.GENERATE);
      return ApiDispatcher.reset();
    }
    return answer;
  }

  private JobRecord create(LtxGenerateRequest request, double cost) {
    Map<String, Object> input = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> sent = (Map<String, Object>) REQUEST.toJsonValue(request);
    input.putAll(sent);
    input.put("modelId", LtxClient.LTX_MODEL_ID);
    state.counters.submission(ANY.toJson(new TreeMap<>(input)));

    String jobId = state.ids.next("job");
    String assetId = state.ids.next("asset");
    String[] failure = failure(request);
    String error = failure == null ? null : failure[0];
    Schedule schedule = error == null ? state.schedule() : state.schedule().failing();
    AssetRecord asset = null;
    if (error == null) {
      asset = Videos.generated(state, assetId, request);
      state.assets.add(asset);
    }
    AssetRecord output = asset;
    JobRecord.JobSpec spec = new JobRecord.JobSpec(jobId, "custom", state.now(), input, cost, List.of(assetId),
        error, failure == null ? null : failure[1], null, 0);
    JobRecord job = new JobRecord(spec, schedule, () -> {
      AssetRecord.StoredFile file = output == null ? null : output.ready();
      return file == null ? null : file.readyAt();
    });
    state.jobs.add(job);
    return job;
  }

  /** The error and hint the job will fail with, or null when it is to succeed. */
  private String[] failure(LtxGenerateRequest request) {
    for (String image : new String[] {request.startImage(), request.endImage()}) {
      if (image != null && state.assets.find(image).isEmpty()) {
        return new String[] {"Asset " + image + " was not found.",
            "Upload the image first (POST /v1/assets) and pass the asset id it returns."};
      }
    }
    String retry = "Retry the generation; if it keeps failing, change the prompt.";
    if (request.prompt().contains(FAIL_TRIGGER)) {
      return new String[] {"The generation failed (simulated: the prompt contains " + FAIL_TRIGGER + ").", retry};
    }
    if (state.faults.drawJobFailure()) {
      state.counters.fault(FaultKind.JOB_FAILURE, Endpoint.GENERATE);
      return new String[] {"The generation failed (simulated failure rate).", retry};
    }
    return null;
  }

  static boolean breaksLongRule(LtxGenerateRequest request) {
    int duration = request.duration() == null ? 6 : request.duration();
    VideoResolution resolution = request.resolution() == null ? VideoResolution.RES_1080P : request.resolution();
    int fps = request.fps() == null ? 25 : request.fps();
    return duration > 10 && (resolution != VideoResolution.RES_1080P || (fps != 24 && fps != 25));
  }

  static boolean portrait(LtxGenerateRequest request) {
    return request.aspectRatio() == AspectRatio.PORTRAIT_9_16;
  }
}
