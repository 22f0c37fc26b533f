package dev.ltx4j.internal.ops;

import dev.ltx4j.JobPage;
import dev.ltx4j.JobSnapshot;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Every job of a listing, read a page at a time as the stream is consumed. The listing ends at a page without a
 * next token, at an empty page, and at a token it was already given: a server that repeats itself cannot make it
 * run for ever.
 */
final class JobListing implements Iterator<JobSnapshot> {
  private final Function<@Nullable String, JobPage> pages;
  private final Set<String> tokensSeen = new HashSet<>();
  private JobPage page;
  private int index;

  private JobListing(Function<@Nullable String, JobPage> pages) {
    this.pages = pages;
    this.page = pages.apply(null);
  }

  /** {@code pages} reads the page for a token (null for the first); the first page is read at once. */
  static Stream<JobSnapshot> stream(Function<@Nullable String, JobPage> pages) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new JobListing(pages), Spliterator.ORDERED), false);
  }

  @Override
  public boolean hasNext() {
    while (index == page.jobs().size() && !page.jobs().isEmpty() && page.next().isPresent()
        && tokensSeen.add(page.next().get())) {
      page = pages.apply(page.next().get());
      index = 0;
    }
    return index < page.jobs().size();
  }

  @Override
  public JobSnapshot next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.jobs().get(index++);
  }
}
