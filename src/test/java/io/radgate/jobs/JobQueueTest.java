package io.radgate.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job queue on the embedded (H2 file) store, with a handler that records what it is asked to do.
 * {@link JobQueuePostgresIT} runs the same tests on PostgreSQL.
 */
class JobQueueTest {
    @TempDir
    Path dir;

    static final JobQueue.Options FAST = new JobQueue.Options(4, Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofHours(1), Duration.ofMillis(500), Duration.ofSeconds(5));
    static final RetryPolicy QUICK_RETRY = (attempts, first, now) ->
            attempts >= 5 ? Optional.empty() : Optional.of(now.plusMillis(100));

    /** Runs jobs by echoing their spec; delivery fails the first {@code failFirst} times per job. */
    static final class Recorder implements JobHandler {
        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<String> states = new CopyOnWriteArrayList<>();
        final Map<String, byte[]> payloads = new ConcurrentHashMap<>();
        volatile int failFirst;
        volatile boolean transientRun;
        volatile Outcome failure = Outcome.RETRY;

        @Override
        public Result run(Job job) {
            payloads.put(job.id(), job.payload() == null ? new byte[0] : job.payload());
            if (transientRun) {
                throw new RetryLater("upstream unavailable");
            }
            return new Result(!job.spec().startsWith("bad"), "{\"echo\":\"" + job.spec() + "\"}");
        }

        @Override
        public Result gaveUp(Job job, String lastError) {
            return new Result(false, "{\"error\":\"" + lastError + "\"}");
        }

        @Override
        public Delivery deliver(Job job, String document) {
            int n = deliveries.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
            if (n <= failFirst) {
                return new Delivery(failure, "receiver said 503");
            }
            delivered.add(job.id() + "=" + document);
            return new Delivery(Outcome.DELIVERED, null);
        }

        @Override
        public void changed(Job job, JobState state, String error) {
            states.add(job.id() + ":" + state);
        }
    }

    /** The store under test; each call opens the same database again (a restart). */
    JobDatabase openDb() {
        return JobDatabase.embedded(dir, 4);
    }

    JobQueue queue(JobDatabase db, Recorder r) {
        JobQueue q = new JobQueue(db, r, QUICK_RETRY, FAST, Clock.systemUTC());
        q.start();
        return q;
    }

    @Test
    void aSubmittedJobRunsOnceAndItsResultIsDeliveredAndKept() throws Exception {
        Recorder r = new Recorder();
        try (JobDatabase db = openDb(); JobQueue q = queue(db, r)) {
            q.submit(List.of(new NewJob("j1", "test", "hello", new byte[]{1, 2, 3})), null, null, "{}");
            waitFor(() -> r.delivered.size() == 1);
            assertEquals("j1={\"echo\":\"hello\"}", r.delivered.get(0));
            assertEquals(3, r.payloads.get("j1").length, "the handler got the stored payload");
            waitFor(() -> state(q, "j1") == JobState.DELIVERED);
            Job job = q.find("j1").orElseThrow();
            assertEquals("{\"echo\":\"hello\"}", job.result());
            assertEquals(1, job.runAttempts());
            assertEquals(List.of("j1:RUNNING", "j1:COMPLETED", "j1:DELIVERED"), r.states);
        }
    }

    @Test
    void failedDeliveriesAreRetriedUntilTheReceiverAccepts() throws Exception {
        Recorder r = new Recorder();
        r.failFirst = 3;
        try (JobDatabase db = openDb(); JobQueue q = queue(db, r)) {
            q.submit(List.of(new NewJob("j2", "test", "x", null)), null, null, "{}");
            waitFor(() -> state(q, "j2") == JobState.DELIVERED);
            assertEquals(4, r.deliveries.get("j2").get());
            assertEquals(3, q.find("j2").orElseThrow().deliveryAttempts(), "three failed attempts recorded");
        }
    }

    @Test
    void deliveryGivesUpAfterTheHorizonAndOn410() throws Exception {
        Recorder r = new Recorder();
        r.failFirst = 100;
        try (JobDatabase db = openDb(); JobQueue q = queue(db, r)) {
            q.submit(List.of(new NewJob("j3", "test", "x", null)), null, null, "{}");
            waitFor(() -> state(q, "j3") == JobState.UNDELIVERED);
            assertEquals(5, r.deliveries.get("j3").get(), "the policy allows 5 attempts");
            r.failure = JobHandler.Outcome.GONE;
            q.submit(List.of(new NewJob("j4", "test", "x", null)), null, null, "{}");
            waitFor(() -> state(q, "j4") == JobState.UNDELIVERED);
            assertEquals(1, r.deliveries.get("j4").get(), "410 stops at once");
        }
    }

    @Test
    void transientRunFailuresAreRetriedThenTheJobFails() throws Exception {
        Recorder r = new Recorder();
        r.transientRun = true;
        try (JobDatabase db = openDb(); JobQueue q = queue(db, r)) {
            q.submit(List.of(new NewJob("j5", "test", "x", null)), null, null, "{}");
            waitFor(() -> state(q, "j5") == JobState.DELIVERED);
            Job job = q.find("j5").orElseThrow();
            assertEquals(5, job.runAttempts());
            assertEquals("{\"error\":\"upstream unavailable\"}", job.result());
        }
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstAnswerAndSubmitsNothingMore() throws Exception {
        Recorder r = new Recorder();
        try (JobDatabase db = openDb(); JobQueue q = queue(db, r)) {
            JobQueue.Submitted first = q.submit(List.of(new NewJob("k1", "test", "x", null)), "key-1", "fp", "answer-1");
            JobQueue.Submitted again = q.submit(List.of(new NewJob("k2", "test", "x", null)), "key-1", "fp", "answer-2");
            assertFalse(first.repeated());
            assertTrue(again.repeated());
            assertEquals("answer-1", again.answer());
            assertTrue(q.find("k2").isEmpty(), "the repeat submitted no job");
            assertThrows(IdempotencyKeyReused.class,
                    () -> q.submit(List.of(new NewJob("k3", "test", "y", null)), "key-1", "other", "answer-3"));
        }
    }

    @Test
    void jobsCommittedBeforeAStopRunAfterARestart() throws Exception {
        Recorder r = new Recorder();
        List<String> ids = new ArrayList<>();
        try (JobDatabase db = openDb()) {
            JobQueue q = new JobQueue(db, r, QUICK_RETRY, FAST, Clock.systemUTC()); // never started
            for (int i = 0; i < 20; i++) {
                ids.add("r" + i);
                q.submit(List.of(new NewJob("r" + i, "test", "s" + i, new byte[]{(byte) i})), null, null, "{}");
            }
        }
        try (JobDatabase db = openDb(); JobQueue q = queue(db, r)) {
            waitFor(() -> r.delivered.size() == 20);
            for (String id : ids) {
                assertEquals(JobState.DELIVERED, waitState(q, id));
            }
        }
    }

    @Test
    void aFailedModelResultIsStillDelivered() throws Exception {
        Recorder r = new Recorder();
        try (JobDatabase db = openDb(); JobQueue q = queue(db, r)) {
            q.submit(List.of(new NewJob("f1", "test", "bad input", null)), null, null, "{}");
            waitFor(() -> state(q, "f1") == JobState.DELIVERED);
            assertTrue(r.states.contains("f1:FAILED"));
        }
    }

    static JobState state(JobQueue q, String id) {
        try {
            return q.find(id).map(Job::state).orElse(null);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static JobState waitState(JobQueue q, String id) throws InterruptedException {
        waitFor(() -> state(q, id) != null && state(q, id).finished());
        return state(q, id);
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
