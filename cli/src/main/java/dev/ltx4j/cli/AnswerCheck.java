package dev.ltx4j.cli;

import dev.ltx4j.LtxClient;
import dev.ltx4j.LtxClientBuilder;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.NotFoundException;
import dev.ltx4j.sandbox.SpecConformance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The calls that cost nothing — a dry-run quote, one page of the job list, a job that does not exist — made through
 * the client, their answers kept as they came off the wire and checked against the bundled spec (read strictly).
 * A field the spec does not list is a note; anything else that breaks it (a type, a missing field, a status the spec
 * does not give) is drift.
 */
final class AnswerCheck {
  /** The answers' bodies are read up to this many bytes each. */
  private static final long MOST_READ = 1 << 20;
  static final String MISSING_JOB = "job_ltx4jSpecCheckNoSuchJob";

  record Answer(String method, String path, int status, String contentType, String body) {}

  private final List<Answer> answers = new ArrayList<>();

  /** The client's settings that keep every answer; apply before the client is built. */
  UnaryOperator<LtxClientBuilder> recording() {
    Interceptor keep = chain -> {
      Response response = chain.proceed(chain.request());
      String contentType = response.header("Content-Type");
      synchronized (answers) {
        answers.add(new Answer(chain.request().method(), chain.request().url().encodedPath(), response.code(),
            contentType, response.peekBody(MOST_READ).string()));
      }
      return response;
    };
    return builder -> builder.callFactory(http -> http.newBuilder().addNetworkInterceptor(keep).build());
  }

  /** Makes the three calls; what the client makes of an answer does not stop the others. */
  void call(LtxClient client) {
    attempt(() -> client.quote(LtxRequest.of("ltx4j spec-check: a dry run, which costs nothing")));
    attempt(() -> firstPage(client));
    try {
      client.getJob(MISSING_JOB);
    } catch (NotFoundException expected) {
      // the answer is what is checked
    } catch (RuntimeException e) {
      // likewise: the answer was kept
    }
  }

  private static void firstPage(LtxClient client) {
    client.listJobsPage(new dev.ltx4j.JobQuery(null, null, 5), null);
  }

  /** One line per answer that breaks the spec (drift) and per answer with unlisted fields (notes). */
  void judge(List<String> drift, List<String> notes) {
    List<Answer> taken;
    synchronized (answers) {
      taken = List.copyOf(answers);
    }
    for (Answer answer : taken) {
      String call = answer.method() + " " + answer.path() + " (" + answer.status() + ")";
      List<String> unlisted = new ArrayList<>();
      for (String problem : SpecConformance.problems(answer.method(), answer.path(), answer.status(),
          answer.contentType(), answer.body())) {
        if (problem.contains("additionalProperties")) {
          unlisted.add(problem.substring(problem.indexOf(':') + 1).trim());
        } else {
          drift.add("~ " + call + ": " + problem);
        }
      }
      if (!unlisted.isEmpty()) {
        notes.add(call + " holds fields the spec does not list: " + String.join("; ", unlisted));
      }
    }
    if (taken.stream().noneMatch(answer -> answer.path().endsWith("/jobs/" + MISSING_JOB) && answer.status() == 404)) {
      drift.add("~ GET /v1/jobs/" + MISSING_JOB + ": not answered 404 as the spec says for a job that does not exist");
    }
  }

  private static void attempt(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      // the answer was kept and is judged against the spec; the client's reading of it is not the question
    }
  }
}
