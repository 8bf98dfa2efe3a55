package io.radgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void eachDelayLiesInItsDoublingBandUpToTheCap() {
        for (long seed = 0; seed < 200; seed++) {
            RetrySchedule s = RetrySchedule.defaults(new SplittableRandom(seed));
            Instant now = T0;
            for (int n = 1; n <= 20; n++) {
                long upper = Math.min(3_600_000L, 2_000L << (n - 1));
                long delay = Duration.between(now, s.next(n, T0, now).orElseThrow()).toMillis();
                assertTrue(delay >= upper / 2 && delay < upper, "attempt " + n + ": " + delay + " ms");
                now = now.plusMillis(delay);
            }
        }
    }

    @Test
    void theFirstRetryComesWithinOneToTwoSeconds() {
        RetrySchedule s = RetrySchedule.defaults(new SplittableRandom(7));
        for (int i = 0; i < 1000; i++) {
            long delay = Duration.between(T0, s.next(1, T0, T0).orElseThrow()).toMillis();
            assertTrue(delay >= 1000 && delay < 2000, delay + " ms");
        }
    }

    @Test
    void retriesStopAtTheHorizonWithALastTryOnIt() {
        RetrySchedule s = RetrySchedule.defaults(new SplittableRandom(1));
        Instant horizon = T0.plus(Duration.ofHours(24));
        Instant now = T0;
        int attempts = 1;
        Optional<Instant> next;
        while ((next = s.next(attempts, T0, now)).isPresent()) {
            assertTrue(!next.get().isAfter(horizon), next.get().toString());
            now = next.get();
            attempts++;
        }
        assertEquals(horizon, now);
        // 1+2+...+2048 s is about 68 min; then about 22.9 h of 30-60 min delays
        assertTrue(attempts > 30 && attempts < 70, attempts + " attempts");
        assertEquals(Optional.empty(), s.next(3, T0, horizon.plusSeconds(1)));
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        assertEquals(schedule(42), schedule(42));
        assertTrue(!schedule(42).equals(schedule(43)));
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        RetrySchedule s = RetrySchedule.defaults(new SplittableRandom(3));
        long delay = Duration.between(T0, s.next(Integer.MAX_VALUE, T0, T0).orElseThrow()).toMillis();
        assertTrue(delay >= 1_800_000 && delay < 3_600_000, delay + " ms");
    }

    @Test
    void badArgumentsAreRefused() {
        RetrySchedule s = RetrySchedule.defaults(new SplittableRandom(3));
        assertThrows(IllegalArgumentException.class, () -> s.next(0, T0, T0));
        assertThrows(IllegalArgumentException.class,
                () -> new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1), new SplittableRandom()));
    }

    private static List<Instant> schedule(long seed) {
        RetrySchedule s = new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1),
                new SplittableRandom(seed));
        List<Instant> out = new ArrayList<>();
        Instant now = T0;
        for (int n = 1; n < 30; n++) {
            Optional<Instant> next = s.next(n, T0, now);
            if (next.isEmpty()) {
                break;
            }
            out.add(next.get());
            now = next.get();
        }
        return out;
    }
}
