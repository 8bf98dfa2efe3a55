package io.radgate.jobs;

import java.util.Locale;

/**
 * Where a job is. QUEUED → RUNNING → COMPLETED or FAILED (its result is known and being
 * delivered) → DELIVERED, or UNDELIVERED when delivery gave up (410, or the retry horizon).
 */
public enum JobState {
    QUEUED, RUNNING, COMPLETED, FAILED, DELIVERED, UNDELIVERED;

    /** No more work: the job's execution is gone and only retention keeps the row. */
    public boolean finished() {
        return this == DELIVERED || this == UNDELIVERED;
    }

    /** Its result is known (success or failure). */
    public boolean hasResult() {
        return this == COMPLETED || this == FAILED || finished();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
