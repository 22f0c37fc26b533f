package dev.ltx4j.bench;

import java.util.List;
import java.util.Random;

/** Seeded random inputs for the fuzz tests: every case is reproducible from its seed alone. */
final class RandomValues {
  private final Random random;

  RandomValues(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  <T> T oneOf(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Null (unset) with probability {@code nullChance}, else {@code value}. */
  <T> T orNull(double nullChance, T value) {
    return random.nextDouble() < nullChance ? null : value;
  }

  /** Any UTF-16 text (surrogates and controls included) up to {@code maxLength} characters. */
  String anyText(int maxLength) {
    char[] text = new char[random.nextInt(maxLength + 1)];
    for (int i = 0; i < text.length; i++) {
      text[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
    }
    return new String(text);
  }

  /** Printable ASCII up to {@code maxLength} characters. */
  String printable(int maxLength) {
    char[] text = new char[random.nextInt(maxLength + 1)];
    for (int i = 0; i < text.length; i++) {
      text[i] = (char) (' ' + random.nextInt('~' - ' ' + 1));
    }
    return new String(text);
  }

  int anyInt() {
    return random.nextInt();
  }

  boolean coin() {
    return random.nextBoolean();
  }
}
