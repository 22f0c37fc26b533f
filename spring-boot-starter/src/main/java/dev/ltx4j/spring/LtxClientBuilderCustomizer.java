package dev.ltx4j.spring;

import dev.ltx4j.LtxClientBuilder;

/**
 * Customizes the builder of the {@code LtxClient} bean after the {@code ltx4j.*} properties were applied: for
 * anything they do not cover (a clock, a sleeper, an observer). Every bean of this type is applied, in
 * {@code @Order}.
 */
@FunctionalInterface
public interface LtxClientBuilderCustomizer {
  /** Changes {@code builder}; called once, when the bean is created. */
  void customize(LtxClientBuilder builder);
}
