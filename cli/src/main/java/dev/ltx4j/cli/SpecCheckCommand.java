package dev.ltx4j.cli;

import dev.ltx4j.LtxRequest;
import dev.ltx4j.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "spec-check", mixinStandardHelpOptions = true,
    description = {"Compare what the service publishes for LTX 2.3 Fast with the spec this ltx4j was built from: the "
        + "model's inputs (GET /v1/models/model_ltx-2-3-fast, free) and, with --reference, the model's API reference "
        + "in Markdown. Prints each parameter added, removed or renamed, and each type, default, allowed value, range "
        + "and length that changed. It also makes the calls that cost nothing (a dry-run quote, a page of jobs, a job "
        + "that does not exist) and checks their answers against the spec: a field it does not list is a note, "
        + "anything else that breaks it is drift. Exits 12 when anything drifted, 0 when nothing did. Made for a "
        + "scheduled CI job."},
    footer = {"%nExamples:", "  ltx4j spec-check", "  ltx4j spec-check --reference ltx-2-3-fast-api-reference.md",
        "  ltx4j spec-check --reference https://example.com/ltx-2-3-fast.md --json", "  ltx4j spec-check --sandbox"})
final class SpecCheckCommand implements Callable<Integer> {
  static final String MODEL_ID = "model_ltx-2-3-fast";

  @Mixin CommonOptions common;

  @Option(names = "--reference", paramLabel = "FILE_OR_URL",
      description = "The model's API reference in Markdown (a file, or an http(s) URL read without credentials); may "
          + "be given more than once.")
  List<String> references = new ArrayList<>();

  @Override
  public Integer call() {
    List<PublishedParameter> expected = LtxRequest.parameters().stream().map(PublishedParameter::expected).toList();
    Map<String, List<String>> drift = new LinkedHashMap<>();
    List<List<PublishedParameter>> tables = new ArrayList<>();
    for (String reference : references) { // every reference is read and parsed before the service is asked
      List<PublishedParameter> table = PublishedParameter.fromMarkdown(read(reference));
      if (table.isEmpty()) {
        throw new CommandException(ExitCodes.USAGE, "--reference " + reference + ": no parameter table "
            + "(| Parameter | Type | Required | Default | Description |) found in it");
      }
      tables.add(table);
    }
    AnswerCheck answers = new AnswerCheck();
    try (Backend backend = common.open(answers.recording())) {
      Model model = backend.client().getModel(MODEL_ID);
      List<PublishedParameter> inputs = model.inputs() == null ? List.of()
          : model.inputs().stream().map(PublishedParameter::of).toList();
      drift.put("GET /v1/models/" + MODEL_ID, SpecDrift.compare(expected, inputs));
      answers.call(backend.client());
    }
    for (int i = 0; i < references.size(); i++) {
      drift.put(references.get(i), SpecDrift.compare(expected, tables.get(i)));
    }
    List<String> answerDrift = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    answers.judge(answerDrift, notes);
    drift.put("answers (a dry-run quote, a page of jobs, a job that does not exist)", answerDrift);
    boolean drifted = drift.values().stream().anyMatch(lines -> !lines.isEmpty());
    StringBuilder text = new StringBuilder();
    drift.forEach((source, lines) -> {
      text.append(text.length() == 0 ? "" : System.lineSeparator()).append(source).append(": ")
          .append(lines.isEmpty() ? "no drift" : lines.size() + (lines.size() == 1 ? " difference" : " differences"));
      lines.forEach(line -> text.append(System.lineSeparator()).append("  ").append(line));
    });
    notes.forEach(note -> text.append(System.lineSeparator()).append("note: ").append(note));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("drift", drifted);
    result.put("sources", drift);
    result.put("notes", notes);
    common.output().result(text.toString(), result);
    return drifted ? ExitCodes.DRIFT : ExitCodes.OK;
  }

  private static String read(String reference) {
    if (reference.startsWith("https://") || reference.startsWith("http://")) {
      OkHttpClient http = ProxyEnvironment.apply(new OkHttpClient(), System.getenv());
      try (Response response = http.newCall(new Request.Builder().url(reference).build()).execute()) {
        if (!response.isSuccessful()) {
          throw new CommandException(ExitCodes.NETWORK, "--reference " + reference + ": HTTP " + response.code());
        }
        return response.body().string();
      } catch (IOException e) {
        throw new CommandException(ExitCodes.NETWORK, "--reference " + reference + ": " + e.getMessage());
      }
    }
    try {
      return Files.readString(Path.of(reference));
    } catch (NoSuchFileException e) {
      throw new CommandException(ExitCodes.USAGE, "--reference " + reference + ": no such file");
    } catch (IOException e) {
      throw new CommandException(ExitCodes.NETWORK, "--reference " + reference + ": " + e.getMessage());
    }
  }
}
