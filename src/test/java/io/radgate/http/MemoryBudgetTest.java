package io.radgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void claimsThatDoNotFitWhatOthersHoldAreUnavailableAndFitAgainOnceReleased() {
        MemoryBudget budget = new MemoryBudget(1000);
        MemoryBudget.Lease a = budget.lease();
        a.claim(600, "body A");
        MemoryBudget.Lease b = budget.lease();
        RadgateException busy = assertThrows(RadgateException.class, () -> b.claim(500, "body B"));
        assertEquals(ErrorKind.UNAVAILABLE, busy.kind());
        assertTrue(busy.getMessage().contains("retry later") && busy.getMessage().contains("body B"), busy.getMessage());
        assertEquals(0, b.held(), "a refused claim takes nothing");
        assertEquals(600, budget.used());
        a.release();
        a.release(); // idempotent
        assertEquals(0, budget.used());
        b.claim(500, "body B");
        assertEquals(500, budget.used());
        b.release();
        assertEquals(0, budget.used());
    }

    @Test
    void aRequestNeedingMoreThanTheWholeBudgetIsTooLargeNotRetryable() {
        MemoryBudget budget = new MemoryBudget(1000);
        MemoryBudget.Lease a = budget.lease();
        a.claim(400, "body");
        RadgateException e = assertThrows(RadgateException.class, () -> a.claim(601, "pixels"));
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("limits.memory-budget-bytes"), e.getMessage());
        a.release();
        assertThrows(RadgateException.class, () -> a.claim(1, "after the end"));
        assertEquals(0, budget.used());
    }

    @Test
    void partOfAClaimCanBeGivenBackBeforeTheRequestEnds() {
        MemoryBudget budget = new MemoryBudget(1000);
        MemoryBudget.Lease a = budget.lease();
        a.claim(600, "a stream message");
        a.unclaim(400);
        assertEquals(200, budget.used());
        assertEquals(200, a.held());
        a.unclaim(5000); // never more than the lease holds
        assertEquals(0, budget.used());
        a.claim(300, "the next message");
        a.release();
        a.unclaim(300); // after release: nothing left to give back
        assertEquals(0, budget.used());
    }

    @Test
    void autoBudgetIsAQuarterOfTheMaximumHeap() {
        assertEquals(Runtime.getRuntime().maxMemory() / 4, MemoryBudget.of(0).capacity());
        assertEquals(12345, MemoryBudget.of(12345).capacity());
    }

    /** Seeded: many threads claiming and releasing at random never hold more than the capacity together. */
    @Test
    void concurrentClaimsNeverExceedTheCapacity() throws Exception {
        MemoryBudget budget = new MemoryBudget(10_000);
        AtomicLong peak = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Random rnd = new Random(42 + t);
            runs.add(pool.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    MemoryBudget.Lease l = budget.lease();
                    try {
                        l.claim(1 + rnd.nextInt(3000), "x");
                        l.claim(1 + rnd.nextInt(3000), "y");
                    } catch (RadgateException refused) {
                        assertTrue(refused.kind() == ErrorKind.UNAVAILABLE, refused.getMessage());
                    }
                    peak.accumulateAndGet(budget.used(), Math::max);
                    l.release();
                }
            }));
        }
        for (Future<?> f : runs) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(peak.get() <= 10_000, "peak " + peak.get());
        assertTrue(peak.get() > 0);
        assertEquals(0, budget.used(), "every lease gave everything back");
    }
}
