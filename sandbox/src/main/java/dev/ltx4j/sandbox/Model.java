package dev.ltx4j.sandbox;

/** The one model the sandbox simulates: its id in paths, in job inputs and in its published description. */
final class Model {
  static final String ID = "model_ltx-2-3-fast";

  private Model() {}
}
