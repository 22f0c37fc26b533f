package dev.ltx4j.sandbox;

import dev.ltx4j.sandbox.internal.Responses;
import dev.ltx4j.sandbox.internal.SpecValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the sandbox's own answers to the spec. The sandbox writes its JSON itself rather than through the client's
 * models, so nothing else stops it from sending a shape the spec does not describe: an answer that breaks the spec
 * is replaced by a 500 naming the violation, and logged at ERROR, so that the test that caused it fails.
 */
final class SpecAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(SpecAnswers.class);

  private SpecAnswers() {}

  /** The answer to {@code method path} if it conforms to the spec (a connection reset always does); else a 500. */
  static MockResponse checked(SpecValidator validator, String method, String path, MockResponse answer) {
    MockResponseBody body = answer.getBody();
    if (body == null || answer.getOnResponseStart() != null) {
      return answer;
    }
    Buffer text = new Buffer();
    try {
      body.writeTo(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<String> violation = validator.checkResponse(method, path, answer.getCode(),
        answer.getHeaders().get("Content-Type"), text.readUtf8());
    if (violation.isEmpty()) {
      return answer;
    }
    LOG.error("The sandbox's answer to {} {} breaks the spec: {}", method, path, violation.get());
    return Responses.message(500, "The sandbox's answer breaks the spec: " + violation.get());
  }
}
