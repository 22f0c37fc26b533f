package consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ltx4j.JobSnapshot;
import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.WaitOptions;
import dev.ltx4j.spring.LtxSandbox;
import io.micrometer.core.instrument.MeterRegistry;
import kotlin.KotlinVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The starter with Actuator under Spring Boot's own dependency management: a video, ltx4j.* meters, no warnings. */
@ExtendWith(OutputCaptureExtension.class) // first, so that it hears the context start
@SpringBootTest(properties = "ltx4j.sandbox.time-scale=0.2")
@LtxSandbox
class VideoAppTest {
  @Autowired LtxClient client;
  @Autowired MeterRegistry meters;

  @Test
  void aVideoIsGeneratedAndItsMetersAreInTheApplicationsRegistry(CapturedOutput output) {
    JobSnapshot done = client.generate(LtxRequest.of("A lighthouse at dawn"), WaitOptions.defaults());

    assertThat(done.assetIds()).hasSize(1);
    assertThat(meters.getMeters()).anySatisfy(meter -> assertThat(meter.getId().getName()).startsWith("ltx4j."));
    assertThat(output.getAll()).doesNotContain("WARN").doesNotContain("commons-logging.jar")
        .doesNotContain("Failed to set up a Bean Validation provider");
  }

  @Test
  void okHttpRunsOnTheKotlinStandardLibrarySpringBootManages() {
    // OkHttp 5 is built against Kotlin 2; Spring Boot's management puts an older standard library on the class path.
    assertThat(KotlinVersion.CURRENT.toString()).isEqualTo(System.getProperty("managed.kotlin.version"));

    JobSnapshot done = client.generate(LtxRequest.of("A harbour at dusk"), WaitOptions.defaults());

    assertThat(done.status().value()).isEqualTo("success");
  }
}
