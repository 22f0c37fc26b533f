package dev.ltx4j.spring;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxClientBuilder;

/** Puts {@link LtxProperties} into a client builder. */
final class ClientProperties {
  private ClientProperties() {}

  /** A builder for Scenario's API: the environment's credentials and project, then what the properties set. */
  static LtxClientBuilder apply(LtxProperties properties) {
    LtxClientBuilder builder = LtxClient.builder().fromEnv();
    if (properties.getApiKey() != null) {
      builder.apiKey(properties.getApiKey());
    }
    if (properties.getApiSecret() != null) {
      builder.apiSecret(properties.getApiSecret());
    }
    if (properties.getProjectId() != null) {
      builder.projectId(properties.getProjectId());
    }
    if (properties.getBaseUrl() != null && !properties.getBaseUrl().equals(LtxClient.DEFAULT_BASE_URL)) {
      builder.baseUrl(properties.getBaseUrl());
    }
    return builder;
  }

  /** Timeouts, retries and limits: for Scenario's API and the sandbox alike. */
  static void applyLimits(LtxProperties properties, LtxClientBuilder builder) {
    builder.connectTimeout(properties.getConnectTimeout())
        .readTimeout(properties.getReadTimeout())
        .callTimeout(properties.getCallTimeout())
        .operationTimeout(properties.getOperationTimeout())
        .maxRetries(properties.getMaxRetries())
        .maxResponseBytes(properties.getMaxResponseBytes().toBytes())
        .requestsPerMinute(properties.getRequestsPerMinute())
        .maxSlotWait(properties.getMaxSlotWait());
    if (properties.getMaxConcurrentJobs() != null) {
      builder.maxConcurrentJobs(properties.getMaxConcurrentJobs());
    }
  }
}
