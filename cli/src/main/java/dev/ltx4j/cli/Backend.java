package dev.ltx4j.cli;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxClientBuilder;
import dev.ltx4j.batch.BatchStore;
import dev.ltx4j.sandbox.Sandbox;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The client a command talks through: Scenario's API from the environment, or a local sandbox; with a store,
 * also the batches kept in it. Closing it closes them all.
 */
class Backend implements AutoCloseable {
  private final LtxClient client;
  private final List<AutoCloseable> resources;
  private final @Nullable BatchStore batchStore;

  Backend(LtxClient client, List<AutoCloseable> resources, @Nullable BatchStore batchStore) {
    this.client = client;
    this.resources = new ArrayList<>(resources);
    this.batchStore = batchStore;
  }

  static Backend open(boolean useSandbox, PrintWriter err) {
    return open(useSandbox, err, UnaryOperator.identity());
  }

  /** {@code settings} adds a command's own settings to the client's builder. */
  static Backend open(boolean useSandbox, PrintWriter err, UnaryOperator<LtxClientBuilder> settings) {
    settings = proxied(settings);
    if (useSandbox && privateSandbox()) {
      Sandbox sandbox = Sandbox.builder().start();
      err.println("Using a sandbox inside this command at " + sandbox.baseUrl() + " (no credentials, no cost)");
      return new Backend(settings.apply(sandbox.clientBuilder()).build(), List.of(sandbox), null);
    }
    if (useSandbox) {
      SharedSandbox.Endpoint shared = SharedSandbox.forUser(System.getenv()).connect(err);
      LtxClientBuilder builder = LtxClient.builder().baseUrl(shared.baseUrl()).apiKey(shared.apiKey())
          .apiSecret(shared.apiSecret());
      return new Backend(settings.apply(builder).build(), List.of(), null);
    }
    return new Backend(settings.apply(LtxClient.builder().fromEnv()).build(), List.of(), null);
  }

  /** The command's settings after the proxy the environment names, if any ({@link ProxyEnvironment}). */
  private static UnaryOperator<LtxClientBuilder> proxied(UnaryOperator<LtxClientBuilder> settings) {
    if (!ProxyEnvironment.named(System.getenv())) {
      return settings; // no OkHttp client of our own to make on every command's start
    }
    OkHttpClient proxied = ProxyEnvironment.apply(new OkHttpClient(), System.getenv());
    return builder -> settings.apply(builder.okHttpClient(proxied));
  }

  /**
   * {@code LTX4J_CLI_SANDBOX=private} (or {@code -Dltx4j.cli.sandbox=private}): a new sandbox inside the command,
   * gone when it ends, instead of the local one commands share.
   */
  private static boolean privateSandbox() {
    String mode = System.getProperty("ltx4j.cli.sandbox", System.getenv("LTX4J_CLI_SANDBOX"));
    return "private".equalsIgnoreCase(mode);
  }

  LtxClient client() {
    return client;
  }

  /** This backend with a store's batches, and what the store needs closed (after the client, before the rest). */
  Backend with(BatchStore batches, List<AutoCloseable> storeResources) {
    List<AutoCloseable> all = new ArrayList<>(resources);
    all.addAll(storeResources);
    all.add(batches::close);
    return new Backend(client, all, batches);
  }

  /** The batches of the store the command named. */
  BatchStore batchStore() {
    if (batchStore == null) {
      throw new IllegalStateException("no store was opened");
    }
    return batchStore;
  }

  @Override
  public void close() {
    client.close();
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    Collections.reverse(reversed);
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (Exception e) {
        // closing what the command opened: nothing of the command's outcome depends on it
      }
    }
  }
}
