package dev.ltx4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * On a Spring test class: the {@code LtxClient} bean talks to an in-process sandbox of the API (no credentials, no
 * cost, real MP4 videos), started with the context and stopped with it. The same as the test property
 * {@code ltx4j.sandbox.enabled=true}; needs {@code ltx4j-sandbox} on the test class path. The {@code Sandbox} is a
 * bean too, for a test to inject (faults, counters, seeded jobs).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = "ltx4j.sandbox.enabled=true")
public @interface LtxSandbox {}
