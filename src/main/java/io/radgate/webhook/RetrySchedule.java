package io.radgate.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a webhook again: exponential backoff with jitter, up to a horizon measured from
 * the first attempt (as Stripe and Svix retry for hours, not minutes).
 *
 * <p>After attempt n (n &ge; 1) the delay is drawn uniformly from [u/2, u), where
 * u = min(cap, 2 &middot; first &middot; 2^(n-1)): with first = 1 s the first retry comes after
 * 1-2 s, the second after 2-4 s, and so on, until every delay is cap/2 to cap. The jitter spreads
 * the retries of many jobs that failed together (a receiver that was down). The last retry is
 * at the horizon itself; after that there is none.
 */
public final class RetrySchedule {
    private final long firstMillis;
    private final long capMillis;
    private final Duration horizon;
    private final RandomGenerator random;

    /**
     * @param first   the nominal first delay (the first retry comes after first..2·first)
     * @param cap     the longest delay
     * @param horizon how long after the first attempt retries stop
     * @param random  the jitter's source; a seeded one makes the schedule reproducible
     */
    public RetrySchedule(Duration first, Duration cap, Duration horizon, RandomGenerator random) {
        if (first.toMillis() < 1 || cap.compareTo(first) < 0 || horizon.isNegative()) {
            throw new IllegalArgumentException("retry schedule needs 1 ms <= first <= cap and a horizon >= 0, got first "
                    + first + ", cap " + cap + ", horizon " + horizon);
        }
        this.firstMillis = first.toMillis();
        this.capMillis = cap.toMillis();
        this.horizon = horizon;
        this.random = random;
    }

    /** First retry after 1-2 s, delays up to 1 h, for 24 h. */
    public static RetrySchedule defaults(RandomGenerator random) {
        return new RetrySchedule(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24), random);
    }

    /**
     * When to make the next attempt, or empty when the horizon has passed.
     *
     * @param attemptsSoFar attempts already made (at least 1)
     * @param firstAttempt  when the first attempt was made
     * @param now           now (the end of the last attempt)
     */
    public Optional<Instant> next(int attemptsSoFar, Instant firstAttempt, Instant now) {
        if (attemptsSoFar < 1) {
            throw new IllegalArgumentException("attemptsSoFar must be at least 1, got " + attemptsSoFar);
        }
        Instant deadline = firstAttempt.plus(horizon);
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        long upper = upperMillis(attemptsSoFar);
        long delay = upper / 2 + random.nextLong(upper - upper / 2);
        Instant at = now.plusMillis(delay);
        return Optional.of(at.isAfter(deadline) ? deadline : at);
    }

    /** min(cap, 2 · first · 2^(n-1)), without overflow for any n. */
    long upperMillis(int attemptsSoFar) {
        long upper = 2 * firstMillis;
        for (int i = 1; i < attemptsSoFar && upper < capMillis; i++) {
            upper *= 2;
        }
        return Math.max(2, Math.min(upper, capMillis));
    }
}
