package io.radgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-route limit: immediate grants, a FIFO queue, refusal when full, and thread safety. */
class ConcurrencyLimitTest {

    @Test
    void aLimitNeedsOneRunningSlotAndANonNegativeQueue() {
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit("r", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit("r", 1, -1));
        ConcurrencyLimit noQueue = new ConcurrencyLimit("r", 1, 0);
        assertTrue(noQueue.acquire().succeeded());
    }

    @Test
    void acquiresAreGrantedAtOnceUpToMaxRunningThenQueued() {
        ConcurrencyLimit limit = new ConcurrencyLimit("ct-clip", 2, 5);
        Future<Void> a = limit.acquire();
        Future<Void> b = limit.acquire();
        assertTrue(a.succeeded());
        assertTrue(b.succeeded());
        assertEquals(2, limit.running());
        assertEquals(0, limit.queued());
        Future<Void> c = limit.acquire();
        assertFalse(c.isComplete(), "the third request must wait");
        assertEquals(2, limit.running());
        assertEquals(1, limit.queued());
    }

    @Test
    void releaseHandsTheSlotToTheOldestWaiterFirst() {
        ConcurrencyLimit limit = new ConcurrencyLimit("ct-clip", 1, 3);
        assertTrue(limit.acquire().succeeded());
        List<String> granted = new ArrayList<>();
        limit.acquire().onSuccess(v -> granted.add("b"));
        limit.acquire().onSuccess(v -> granted.add("c"));
        limit.acquire().onSuccess(v -> granted.add("d"));
        assertEquals(List.of(), granted);
        assertEquals(3, limit.queued());

        limit.release();
        assertEquals(List.of("b"), granted);
        assertEquals(1, limit.running(), "a hand-over keeps the slot taken");
        assertEquals(2, limit.queued());
        limit.release();
        assertEquals(List.of("b", "c"), granted);
        limit.release();
        assertEquals(List.of("b", "c", "d"), granted);
        assertEquals(1, limit.running());
        assertEquals(0, limit.queued());
        limit.release();
        assertEquals(0, limit.running());
        assertTrue(limit.acquire().succeeded(), "a freed slot is granted at once again");
    }

    @Test
    void aFullQueueRefusesAtOnceWithUnavailable() {
        ConcurrencyLimit limit = new ConcurrencyLimit("ct-clip /predict", 1, 2);
        limit.acquire();
        Future<Void> q1 = limit.acquire();
        Future<Void> q2 = limit.acquire();
        Future<Void> refused = limit.acquire();
        assertTrue(refused.failed(), "not left hanging");
        RadgateException e = assertInstanceOf(RadgateException.class, refused.cause());
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(503, e.httpStatus());
        assertTrue(e.getMessage().contains("ct-clip /predict is busy"), e.getMessage());
        assertTrue(e.getMessage().contains("1 requests running and 2 waiting"), e.getMessage());
        // the refusal took nothing
        assertEquals(1, limit.running());
        assertEquals(2, limit.queued());
        assertFalse(q1.isComplete());
        assertFalse(q2.isComplete());

        limit.release(); // q1 runs, a queue place frees up
        assertTrue(q1.succeeded());
        Future<Void> q3 = limit.acquire();
        assertFalse(q3.isComplete());
        assertEquals(2, limit.queued());
    }

    @Test
    void withNoQueueEveryRequestBeyondMaxRunningIsRefused() {
        ConcurrencyLimit limit = new ConcurrencyLimit("r", 2, 0);
        assertTrue(limit.acquire().succeeded());
        assertTrue(limit.acquire().succeeded());
        Future<Void> third = limit.acquire();
        assertTrue(third.failed());
        assertEquals(ErrorKind.UNAVAILABLE, ((RadgateException) third.cause()).kind());
        assertEquals(0, limit.queued());
    }

    @Test
    @Timeout(30)
    void manyThreadsAcquiringAtOnceGetExactlyMaxRunningGrantsAndMaxQueuedPlaces() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit("r", 3, 5);
        int threads = 20;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        List<Future<Void>> futures = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    try {
                        start.await();
                        futures.add(limit.acquire());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            start.countDown();
            assertTrue(done.await(20, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads, futures.size());
        assertEquals(3, futures.stream().filter(Future::succeeded).count());
        assertEquals(5, futures.stream().filter(f -> !f.isComplete()).count());
        assertEquals(12, futures.stream().filter(Future::failed).count());
        assertEquals(3, limit.running());
        assertEquals(5, limit.queued());
    }

    @Test
    @Timeout(60)
    void concurrentAcquireAndReleaseNeverRunMoreThanMaxRunning() throws Exception {
        int maxRunning = 3;
        int threads = 16;
        int rounds = 300;
        // each thread has at most one request outstanding, so the queue (13 at most) never overflows
        ConcurrencyLimit limit = new ConcurrencyLimit("r", maxRunning, threads);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    try {
                        start.await();
                        for (int r = 0; r < rounds; r++) {
                            limit.acquire().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                            int now = inside.incrementAndGet();
                            most.accumulateAndGet(now, Math::max);
                            Thread.yield();
                            inside.decrementAndGet();
                            completed.incrementAndGet();
                            limit.release();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            start.countDown();
            assertTrue(done.await(50, TimeUnit.SECONDS), "workers did not finish");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), errors);
        assertEquals(threads * rounds, completed.get());
        assertTrue(most.get() <= maxRunning, "ran " + most.get() + " at once, limit " + maxRunning);
        assertTrue(most.get() >= 1);
        assertEquals(0, limit.running(), "every slot was given back");
        assertEquals(0, limit.queued());
    }
}
