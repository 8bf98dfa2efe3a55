package io.radgate.jobs;

import java.time.Instant;
import java.util.Optional;

/** When to try again after {@code attempts} failed attempts since {@code first}; empty: give up. */
@FunctionalInterface
public interface RetryPolicy {
    Optional<Instant> next(int attempts, Instant first, Instant now);
}
