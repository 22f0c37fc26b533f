package dev.ltx4j.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.GenerateResponse;
import dev.ltx4j.model.JobList;
import dev.ltx4j.model.LtxGenerateRequest;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

class GeneratedRetrofitInterfaceTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  private <T> T api(Class<T> type) {
    return new Retrofit.Builder()
        .baseUrl(server.url("/v1/"))
        .addConverterFactory(MoshiConverterFactory.create(Json.moshi()))
        .build()
        .create(type);
  }

  @Test
  void generateSendsTheBodyAndPutsDryRunInTheQuery() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .body("{\"creativeUnitsCost\": 2, \"creativeUnitsDiscount\": 0, \"costDetails\": {}, \"job\": {}}").build());

    Response<GenerateResponse> response = api(GenerateApi.class)
        .generateLtx23Fast(LtxGenerateRequest.builder().prompt("A fantasy landscape").duration(8).build(), true, "proj_1")
        .execute();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/generate/custom/model_ltx-2-3-fast");
    assertThat(request.getUrl().queryParameter("dryRun")).isEqualTo("true");
    assertThat(request.getUrl().queryParameter("projectId")).isEqualTo("proj_1");
    assertThat(request.getBody().utf8()).isEqualTo("{\"prompt\":\"A fantasy landscape\",\"duration\":8}");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(response.body().creativeUnitsCost()).isEqualTo(2.0);
  }

  @Test
  void listJobsSendsPaginationAsQueryParameters() throws IOException, InterruptedException {
    server.enqueue(new MockResponse.Builder()
        .body("{\"jobs\": [{\"jobId\": \"job_abc123\", \"status\": \"success\"}], \"nextPaginationToken\": \"t2\"}").build());

    JobList page = api(JobsApi.class).listJobs(50, "t1", "success", "custom", false, null).execute().body();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/jobs");
    assertThat(request.getUrl().query()).isEqualTo("pageSize=50&paginationToken=t1&status=success&type=custom&hideResults=false");
    assertThat(page.nextPaginationToken()).isEqualTo("t2");
    assertThat(page.jobs()).singleElement().extracting(job -> job.jobId()).isEqualTo("job_abc123");
  }
}
