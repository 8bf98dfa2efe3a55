package io.radgate.jobs;

/** An Idempotency-Key seen before with a different request: its first answer is not this request's. */
public final class IdempotencyKeyReused extends RuntimeException {
    public IdempotencyKeyReused(String message) {
        super(message, null, false, false);
    }
}
