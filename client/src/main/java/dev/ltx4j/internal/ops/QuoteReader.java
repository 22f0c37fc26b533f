package dev.ltx4j.internal.ops;

import com.squareup.moshi.JsonAdapter;
import dev.ltx4j.JobSnapshot;
import dev.ltx4j.Ltx4jException;
import dev.ltx4j.Quote;
import dev.ltx4j.internal.call.CallRunner;
import dev.ltx4j.internal.call.ErrorTranslator;
import dev.ltx4j.internal.json.Json;
import dev.ltx4j.model.GenerateResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Response;

/**
 * Reads a dry run's answer as a quote. The service answers a quote with 200, 269 or 402 (not enough credits, the
 * cost still in the body), so the cost is looked for in an error body too before the status becomes an error.
 */
final class QuoteReader {
  private static final Logger LOG = LoggerFactory.getLogger(QuoteReader.class);
  private static final JsonAdapter<GenerateResponse> GENERATE_RESPONSE =
      Json.moshi().adapter(GenerateResponse.class).lenient();

  private QuoteReader() {}

  static Quote read(Response<GenerateResponse> response, Instant now) {
    GenerateResponse answer = response.body();
    String operation = "POST " + response.raw().request().url().encodedPath();
    if (answer == null) {
      String text = CallRunner.errorText(response.errorBody());
      try {
        answer = text.isEmpty() ? null : GENERATE_RESPONSE.fromJson(text);
      } catch (IOException | RuntimeException notAQuote) {
        answer = null;
      }
      if (answer == null || answer.creativeUnitsCost() == null) {
        throw ErrorTranslator.translate(operation, response.code(), response.headers(), text, now);
      }
    }
    if (answer.creativeUnitsCost() == null) {
      throw new Ltx4jException(operation + " answered a dry run without creativeUnitsCost");
    }
    JobSnapshot job = JobSnapshot.of(answer.job());
    job.id().ifPresent(id -> LOG.warn("A dry run answered with job {}: the service may have started a paid job", id));
    double discount = answer.creativeUnitsDiscount() == null ? 0.0 : answer.creativeUnitsDiscount();
    // A quote read leniently (269/402) accepts 1e400 as Infinity: no cost a caller can use.
    if (!Double.isFinite(answer.creativeUnitsCost()) || !Double.isFinite(discount)) {
      throw new Ltx4jException(operation + " answered a dry run with a cost that is not a finite number");
    }
    Map<String, Object> details = answer.costDetails();
    return new Quote(answer.creativeUnitsCost(), discount, details == null ? Map.of() : details);
  }
}
