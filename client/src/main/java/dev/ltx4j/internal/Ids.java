package dev.ltx4j.internal;

import dev.ltx4j.InvalidRequestException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks ids before they become part of a URL path, so that none can reach another endpoint. */
public final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");
  private static final Pattern MODEL_ID = Pattern.compile("model_[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  private Ids() {}

  /** Returns {@code id} if it holds only letters, digits, {@code _} and {@code -}. */
  public static String check(String parameter, @Nullable String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidRequestException(parameter, parameter + " '" + id
          + "' is not a valid id: only letters, digits, _ and - are allowed (no /, .., ? or %)");
    }
    return id;
  }

  /** Returns {@code modelId} if it is {@code model_…} with single dots at most. */
  public static String checkModel(@Nullable String modelId) {
    if (modelId == null || !MODEL_ID.matcher(modelId).matches()) {
      throw new InvalidRequestException("modelId", "modelId '" + modelId
          + "' is not a valid model id: model_ followed by letters, digits, _, - or single dots");
    }
    return modelId;
  }
}
