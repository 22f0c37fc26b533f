package dev.ltx4j.sandbox;

import dev.ltx4j.LtxClient;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Sandbox} for a test class and injects it, or an {@link LtxClient} pointed at it, into test and
 * lifecycle method parameters. Use {@code @ExtendWith(SandboxExtension.class)} for the defaults, or
 * {@code @RegisterExtension static SandboxExtension sandbox = SandboxExtension.with(Sandbox.builder()...)} to
 * configure it. Before each test the sandbox is reset (jobs, assets, counters and faults), so tests do not see each
 * other; each injected client is closed after its test. As with the builder's defaults, no request rate is metered
 * and there is no concurrency ceiling unless the given builder sets them: tests that poll freely stay green.
 */
public final class SandboxExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final Sandbox.Builder builder;
  private @Nullable Sandbox sandbox;
  private @Nullable LtxClient client;

  /** A sandbox with the default settings. */
  public SandboxExtension() {
    this(Sandbox.builder());
  }

  private SandboxExtension(Sandbox.Builder builder) {
    this.builder = builder;
  }

  /** A sandbox started from this builder. */
  public static SandboxExtension with(Sandbox.Builder builder) {
    return new SandboxExtension(Objects.requireNonNull(builder, "builder == null"));
  }

  /** The running sandbox, started if it was not. */
  public synchronized Sandbox sandbox() {
    if (sandbox == null) {
      sandbox = builder.start();
    }
    return sandbox;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    sandbox();
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sandbox().reset();
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Sandbox.class || type == LtxClient.class;
  }

  @Override
  public synchronized Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == Sandbox.class) {
      return sandbox();
    }
    if (client == null) {
      client = sandbox().newClient();
    }
    return client;
  }
}
