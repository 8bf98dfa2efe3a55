package io.radgate.error;

/**
 * What went wrong, independent of any protocol. This enum is radgate's one table from error
 * kind to HTTP status; each protocol renders the body in its own shape.
 */
public enum ErrorKind {
    /** The request is malformed or names something impossible. */
    BAD_INPUT(400),
    /** Credentials are missing or wrong. */
    UNAUTHENTICATED(401),
    /** The named model (or version) does not exist. */
    NOT_FOUND(404),
    /** The method is known but not offered by radgate (for example shared memory). */
    NOT_ALLOWED(405),
    /** The client did not send its request (headers or body) within the configured time. */
    REQUEST_TIMEOUT(408),
    /** The upload is larger than the configured limit. */
    TOO_LARGE(413),
    /** The content type or encoding is not one radgate can read. */
    UNSUPPORTED_MEDIA(415),
    /** Well-formed input that the model cannot use. */
    UNPROCESSABLE(422),
    /**
     * Triton is down or not ready, radgate is shutting down, or an internal failure (never a
     * 500 with a trace: DECISIONS.md). Answered with Retry-After.
     */
    UNAVAILABLE(503),
    /** The per-call deadline passed before Triton answered. */
    DEADLINE(504);

    private final int httpStatus;

    ErrorKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
