package dev.ltx4j.sandbox;

/** The operations the sandbox serves, for fault knobs and counters. */
public enum Endpoint {
  /** {@code POST /v1/generate/custom/{modelId}}, quotes ({@code ?dryRun=true}) included. */
  GENERATE,
  /** {@code GET /v1/jobs/{jobId}}. */
  GET_JOB,
  /** {@code GET /v1/jobs}. */
  LIST_JOBS,
  /** {@code POST /v1/jobs/{jobId}/action}. */
  JOB_ACTION,
  /** {@code GET /v1/assets/{assetId}}. */
  GET_ASSET,
  /** {@code POST /v1/assets/get-bulk}: one request however many assets it reads. */
  GET_ASSETS_BULK,
  /** {@code POST /v1/assets}. */
  CREATE_ASSET,
  /** {@code POST /v1/uploads}. */
  CREATE_UPLOAD,
  /** {@code GET /v1/uploads/{uploadId}}. */
  GET_UPLOAD,
  /** {@code POST /v1/uploads/{uploadId}/action}. */
  UPLOAD_ACTION,
  /** {@code GET /v1/teams}. */
  LIST_TEAMS,
  /** {@code GET /v1/models/{modelId}}. */
  GET_MODEL,
  /** {@code GET /v1/teams/{teamId}/limits}. */
  TEAM_LIMITS,
  /** A file download from the CDN listener. */
  CDN_DOWNLOAD,
  /** A part {@code PUT} to a presigned upload URL on the CDN listener. */
  CDN_UPLOAD_PART,
  /** Anything else: admin calls, unknown paths. */
  OTHER
}
