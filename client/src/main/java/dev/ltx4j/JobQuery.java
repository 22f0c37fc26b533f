package dev.ltx4j;

import org.jspecify.annotations.Nullable;

/**
 * Filters for listing jobs.
 *
 * @param status only jobs in this status (the API spelling, e.g. {@code success}), or null for all
 * @param type only jobs of this type (e.g. {@code custom}), or null for all
 * @param pageSize jobs per page, 1 to 200
 */
public record JobQuery(@Nullable String status, @Nullable String type, int pageSize) {
  /** Every job, 100 a page. */
  public static final JobQuery ALL = new JobQuery(null, null, 100);

  public JobQuery {
    if (pageSize < 1 || pageSize > 200) {
      throw new InvalidRequestException("pageSize", "pageSize " + pageSize + " is not allowed; allowed: 1 to 200");
    }
  }
}
