package io.radgate.jobs;

/**
 * What a kind of job does, supplied by the protocol that submits it. Every method runs on a job
 * worker thread and may block. The queue calls {@link #run} until the job has a result, then
 * {@link #deliver} until the result is delivered or delivery is given up; either may be called
 * again for the same job after a crash or a takeover (at least once).
 */
public interface JobHandler {

    /** A job's result: the document to deliver, and whether the work succeeded. */
    record Result(boolean ok, String document) {
    }

    /** How one delivery attempt went. */
    enum Outcome { DELIVERED, RETRY, GONE }

    /** One delivery attempt's outcome and, when it failed, why (no stack trace). */
    record Delivery(Outcome outcome, String detail) {
    }

    /** A failure worth retrying later (the upstream is unavailable), not the job's fault. */
    final class RetryLater extends RuntimeException {
        public RetryLater(String message) {
            super(message, null, false, false);
        }
    }

    /** Does the work on the job's payload; throws {@link RetryLater} for a transient failure. */
    Result run(Job job);

    /** The result of a job whose transient failures outlasted the retry horizon. */
    Result gaveUp(Job job, String lastError);

    /** Delivers the result once. */
    Delivery deliver(Job job, String document);

    /** A state change of a job, to be logged (the handler knows the fields its protocol logs). */
    void changed(Job job, JobState state, String error);
}
