package dev.ltx4j.internal.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends a blocking request when its thread is interrupted. Java's blocking sockets ignore interrupts, so a thread
 * blocked in a read would stay there until the read timeout, a minute by default. While a thread is blocked in a
 * request it is watched: every {@link #PERIOD_MILLIS} ms one timer looks at the watched threads' interrupt flags and
 * runs the action of each interrupted one (it cancels the request). The timer's thread exists only while some thread
 * is watched, and never after {@link #close()}.
 */
public final class InterruptWatch implements AutoCloseable {
  static final long PERIOD_MILLIS = 50;

  /** Stops watching; closing it twice is harmless. */
  public interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  private final ConcurrentHashMap<Thread, Runnable> watched = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timer;
  private boolean scheduled; // guarded by this

  public InterruptWatch() {
    timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "ltx4j-interrupt-watch");
      thread.setDaemon(true);
      return thread;
    });
    timer.setKeepAliveTime(2, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
  }

  /**
   * Watches the calling thread until the returned watch is closed: once it is seen interrupted, {@code onInterrupt}
   * runs, once, on the timer's thread.
   */
  public Watch watch(Runnable onInterrupt) {
    Thread thread = Thread.currentThread();
    watched.put(thread, onInterrupt);
    schedule();
    return () -> watched.remove(thread, onInterrupt);
  }

  private synchronized void schedule() {
    if (!scheduled && !timer.isShutdown()) {
      scheduled = true;
      timer.schedule(this::look, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void look() {
    watched.forEach((thread, action) -> {
      if (thread.isInterrupted() && watched.remove(thread, action)) {
        action.run();
      }
    });
    synchronized (this) {
      scheduled = false;
    }
    if (!watched.isEmpty()) {
      schedule();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    watched.clear();
  }
}
