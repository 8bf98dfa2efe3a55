package io.radgate.jobs;

import java.time.Instant;

/**
 * One job as stored. {@code spec} is the submitting protocol's own description of the work (the
 * job store never reads it); {@code payload} the bytes it runs on when they came with the
 * request (null once the job has a result, or when they are fetched from elsewhere, or when not
 * loaded); {@code result} the document delivered.
 */
public record Job(String id, String kind, JobState state, String spec, byte[] payload, String result,
                  int runAttempts, int deliveryAttempts, String lastError, Instant createdAt, Instant updatedAt,
                  Instant firstDeliveryAt) {
}
