package dev.ltx4j.sandbox;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.SocketEffect;

/**
 * Turns a drawn fault into what goes over the wire, and counts it. A reset, 5xx or 429 is already the answer; a
 * body cut or a trickle spoils the answer the service gave, so whatever the handler did (a job created) stands.
 */
final class FaultEffects {
  private FaultEffects() {}

  /** Resets the connection once the request was read: the client gets no answer at all. */
  static MockResponse reset() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  /** The answer shaped by the fault drawn for it (the trickle's pace from {@code faults}), counted if it happened. */
  static MockResponse apply(Faults faults, Counters counters, Endpoint endpoint, Faults.Decision fault,
      MockResponse answer) {
    MockResponse.Builder shaped = answer.newBuilder();
    FaultKind kind = fault.kind();
    boolean happened = kind != null && switch (kind) {
      case BODY_CUT, TRICKLE -> spoilable(answer);
      default -> true;
    };
    if (kind != null && happened) {
      if (kind == FaultKind.BODY_CUT) {
        // MockWebServer flushes the headers and the first half of the promised body, then closes the socket.
        shaped.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE);
      } else if (kind == FaultKind.TRICKLE) {
        // The headers and the first bytes go out at once; each further write waits the pause first.
        shaped.throttleBody(faults.trickleBytes(), faults.tricklePause().toMillis(), TimeUnit.MILLISECONDS);
      }
      counters.fault(kind, endpoint);
    }
    long delay = fault.latency().toMillis();
    if (delay > 0) {
      shaped.headersDelay(delay, TimeUnit.MILLISECONDS);
    }
    return happened || delay > 0 ? shaped.build() : answer;
  }

  /** Only a body can be cut or trickled, and not on an answer that already resets the connection. */
  private static boolean spoilable(MockResponse answer) {
    MockResponseBody body = answer.getBody();
    return body != null && body.getContentLength() > 0 && answer.getOnResponseStart() == null;
  }
}
