package io.radgate.protocol.invocations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.radgate.jobs.JobQueue;
import io.radgate.jobs.JobState;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code radgate_jobs{state=...}}: invocation jobs per state in the job store. One query per
 * scrape at most every two seconds, whichever gauge asks first (a scrape runs off the event
 * loop); a store that cannot answer reports NaN rather than failing the scrape.
 */
final class JobGauges {
    private static final long FRESH_NANOS = 2_000_000_000L;

    private final JobQueue queue;
    private Map<JobState, Long> counts = Map.of();
    private long readAt;
    private boolean failed;

    private JobGauges(JobQueue queue) {
        this.queue = queue;
    }

    static void register(MeterRegistry registry, JobQueue queue) {
        JobGauges g = new JobGauges(queue);
        for (JobState s : JobState.values()) {
            Gauge.builder("radgate.jobs", g, x -> x.count(s)).strongReference(true)
                    .description("Invocation jobs in the job store, per state (finished ones until retention)")
                    .tag("state", s.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
    }

    private synchronized double count(JobState s) {
        long now = System.nanoTime();
        if (readAt == 0 || now - readAt > FRESH_NANOS) {
            readAt = now;
            try {
                counts = queue.counts();
                failed = false;
            } catch (SQLException e) {
                failed = true;
            }
        }
        return failed ? Double.NaN : counts.getOrDefault(s, 0L);
    }
}
