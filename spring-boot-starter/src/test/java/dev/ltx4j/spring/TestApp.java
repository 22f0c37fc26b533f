package dev.ltx4j.spring;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** An application that uses the starter and has a meter registry, as an application with Micrometer would. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApp {
  @Bean
  SimpleMeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }
}
