package dev.ltx4j;

import dev.ltx4j.internal.ops.Operations;
import java.time.Instant;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/** A generation the service accepted: the job to follow and what it costs. */
public final class Submission {
  private final JobSnapshot job;
  private final @Nullable Double creativeUnitsCost;
  private final @Nullable Double creativeUnitsDiscount;
  private final Instant submittedAt;

  Submission(JobSnapshot job, @Nullable Double creativeUnitsCost, @Nullable Double creativeUnitsDiscount,
      Instant submittedAt) {
    this.job = job;
    this.creativeUnitsCost = creativeUnitsCost;
    this.creativeUnitsDiscount = creativeUnitsDiscount;
    this.submittedAt = submittedAt;
  }

  /** The job id to poll; keep it: the job is paid for. */
  static Submission of(Operations.Accepted accepted) {
    return new Submission(accepted.job(), accepted.creativeUnitsCost(), accepted.creativeUnitsDiscount(),
        accepted.submittedAt());
  }

  public String jobId() {
    return job.id().orElseThrow();
  }

  /** The job as the service answered the submission. */
  public JobSnapshot job() {
    return job;
  }

  /** Creative units charged, when the service said. */
  public OptionalDouble creativeUnitsCost() {
    return creativeUnitsCost == null ? OptionalDouble.empty() : OptionalDouble.of(creativeUnitsCost);
  }

  /** Creative units discounted, when the service said. */
  public OptionalDouble creativeUnitsDiscount() {
    return creativeUnitsDiscount == null ? OptionalDouble.empty() : OptionalDouble.of(creativeUnitsDiscount);
  }

  /** When the request was sent, by the client's clock. */
  public Instant submittedAt() {
    return submittedAt;
  }

  @Override
  public String toString() {
    return "Submission{jobId=" + jobId() + ", status=" + job.status() + ", cost=" + creativeUnitsCost + '}';
  }
}
