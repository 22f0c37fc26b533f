package dev.ltx4j.bench;

import java.util.List;

/** Literal copies of the response examples in {@code openapi/scenario-ltx.yaml}, as the fuzzers' seeds. */
final class DocumentedBodies {
  /** {@code GET /jobs/{jobId}} 200: {@code referenceSuccess}. */
  static final String JOB_SUCCESS =
      "{\"job\":{\"jobId\":\"job_abc123\",\"status\":\"success\",\"metadata\":{\"assetIds\":[\"asset_abc123\"]}}}";
  /** {@code GET /jobs/{jobId}} 200: {@code inProgress}. */
  static final String JOB_IN_PROGRESS = "{\"job\":{\"jobId\":\"job_abc123\",\"jobType\":\"custom\","
      + "\"status\":\"in-progress\",\"progress\":0.42,\"createdAt\":\"2026-07-29T10:00:00.000Z\","
      + "\"updatedAt\":\"2026-07-29T10:00:21.000Z\",\"statusHistory\":["
      + "{\"status\":\"queued\",\"date\":\"2026-07-29T10:00:00.000Z\"},"
      + "{\"status\":\"in-progress\",\"date\":\"2026-07-29T10:00:05.000Z\"}],"
      + "\"billing\":{\"cuCost\":2,\"cuDiscount\":0}}}";
  /** {@code POST /generate/custom/model_ltx-2-3-fast} 200: {@code jobCreated}. */
  static final String JOB_CREATED = "{\"job\":{\"jobId\":\"job_abc123\",\"jobType\":\"custom\",\"status\":\"queued\","
      + "\"progress\":0,\"metadata\":{\"input\":{\"prompt\":\"A fantasy landscape\"}}},"
      + "\"creativeUnitsCost\":2,\"creativeUnitsDiscount\":0}";
  /** {@code POST /generate/custom/model_ltx-2-3-fast?dryRun=true} 200/269/402: {@code DryRunQuote}. */
  static final String DRY_RUN_QUOTE =
      "{\"creativeUnitsCost\":2,\"creativeUnitsDiscount\":0,\"costDetails\":{},\"job\":{}}";
  /** {@code GET /assets/{assetId}} 200: {@code video}. */
  static final String ASSET_VIDEO = "{\"asset\":{\"id\":\"asset_abc123\","
      + "\"url\":\"https://cdn.cloud.scenario.com/assets/asset_abc123.mp4?Policy=eyJ&Signature=abc~def&Key-Pair-Id=K2ABC\","
      + "\"mimeType\":\"video/mp4\",\"createdAt\":\"2026-07-29T10:01:00.000Z\",\"metadata\":{\"kind\":\"video\"},"
      + "\"properties\":{\"size\":1843200,\"duration\":6}}}";

  static final List<String> JOBS = List.of(JOB_SUCCESS, JOB_IN_PROGRESS, JOB_CREATED);

  private DocumentedBodies() {}
}
