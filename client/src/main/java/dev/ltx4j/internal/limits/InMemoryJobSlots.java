package dev.ltx4j.internal.limits;

import dev.ltx4j.JobSlots;
import java.util.HashSet;
import java.util.Set;

/** The slots of one process: the keys and job ids that hold one. */
public final class InMemoryJobSlots implements JobSlots {
  private final Set<String> holders = new HashSet<>();

  @Override
  public synchronized boolean tryTake(String key, int ceiling) {
    if (holders.contains(key)) {
      return true;
    }
    if (holders.size() >= ceiling) {
      return false;
    }
    holders.add(key);
    return true;
  }

  @Override
  public synchronized void bind(String key, String jobId) {
    if (holders.remove(key)) {
      holders.add(jobId);
    }
  }

  @Override
  public synchronized boolean release(String keyOrJobId) {
    return holders.remove(keyOrJobId);
  }

  @Override
  public synchronized int taken() {
    return holders.size();
  }
}
