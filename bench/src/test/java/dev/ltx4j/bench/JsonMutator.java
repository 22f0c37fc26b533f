package dev.ltx4j.bench;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Breaks a valid JSON body the ways a changing or faulty server might: fields dropped or renamed, values of another
 * type, unknown statuses, huge numbers, nulls, truncation. One seed gives one mutation, so failures reproduce.
 */
final class JsonMutator {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).serializeNulls();
  private static final String RAW = "@@raw@@";
  private static final String[] RAW_NUMBERS = {
      "1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "1e-400", "12345678901234567890123",
      "-0", "1.7976931348623157E308", "-2147483649"};
  private static final String[] STRINGS = {
      "", "success", "failure", "failed", "canceled", "in-progress", "warming-up", "exploded", "SUCCESS", "null",
      "\u0000", "é🎬", "0.5", "true", "job_", "asset_x/../y", "http://", "::::", "2026-13-45T99:99:99Z"};

  private JsonMutator() {}

  /** One to three mutations of {@code json}, drawn from {@code random}. */
  static String mutate(String json, Random random) {
    if (random.nextInt(12) == 0) {
      return truncate(json, random);
    }
    Object tree;
    try {
      tree = JSON.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      tree = mutateSomewhere(tree, random);
    }
    String out = JSON.toJson(tree);
    while (out.contains("\"" + RAW)) {
      int start = out.indexOf("\"" + RAW);
      int end = out.indexOf('"', start + 1);
      out = out.substring(0, start) + out.substring(start + 1 + RAW.length(), end) + out.substring(end + 1);
    }
    return random.nextInt(10) == 0 ? truncate(out, random) : out;
  }

  private static String truncate(String json, Random random) {
    return json.substring(0, random.nextInt(json.length()));
  }

  /** Picks a node by walking down at random and replaces, removes or renames something there. */
  @SuppressWarnings("unchecked")
  private static Object mutateSomewhere(Object node, Random random) {
    if (node instanceof Map<?, ?> map && !map.isEmpty() && random.nextInt(3) != 0) {
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
      List<String> keys = new ArrayList<>(copy.keySet());
      String key = keys.get(random.nextInt(keys.size()));
      switch (random.nextInt(4)) {
        case 0 -> copy.remove(key);
        case 1 -> copy.put(key + (random.nextBoolean() ? "_" : "Id"), copy.remove(key));
        default -> copy.put(key, mutateSomewhere(copy.get(key), random));
      }
      return copy;
    }
    if (node instanceof List<?> list && !list.isEmpty() && random.nextInt(3) != 0) {
      List<Object> copy = new ArrayList<>(list);
      int index = random.nextInt(copy.size());
      copy.set(index, mutateSomewhere(copy.get(index), random));
      return copy;
    }
    return randomValue(random, 2);
  }

  private static Object randomValue(Random random, int depth) {
    return switch (random.nextInt(depth > 0 ? 9 : 7)) {
      case 0 -> null;
      case 1 -> STRINGS[random.nextInt(STRINGS.length)];
      case 2 -> RAW + RAW_NUMBERS[random.nextInt(RAW_NUMBERS.length)];
      case 3 -> random.nextBoolean();
      case 4 -> (double) random.nextInt(1000) - 500;
      case 5 -> random.nextDouble();
      case 6 -> Map.of();
      case 7 -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          list.add(randomValue(random, depth - 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(random.nextBoolean() ? "status" : "jobId", randomValue(random, depth - 1));
        yield map;
      }
    };
  }
}
