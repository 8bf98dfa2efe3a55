package io.radgate.webhook;

/**
 * The outcome of one webhook attempt.
 *
 * @param outcome    what the caller does next
 * @param httpStatus the receiver's status, 0 when there was no answer
 * @param detail     a short reason, safe to log: the status and the answer's size, or what
 *                   failed (never a stack trace)
 * @param answerStart the start of the receiver's answer (at most 1 KiB, control characters
 *                   replaced), empty when none. Not for INFO logs: receivers may echo the request
 *                   body in their errors (FastAPI's 422 does), and the body names the upload.
 */
public record Delivery(Outcome outcome, int httpStatus, String detail, String answerStart) {
    public enum Outcome {
        /** 2xx: done. */
        DELIVERED,
        /** 410 Gone: the receiver asks not to be called again; stop retrying. */
        GONE,
        /** Any other status (3xx included: redirects are not followed), or no answer: try again later. */
        RETRY,
        /** The address policy refused the URL at send time: retrying will not help. */
        REFUSED
    }

    public static Delivery of(int httpStatus, String detail, String answerStart) {
        Outcome outcome = httpStatus >= 200 && httpStatus < 300 ? Outcome.DELIVERED
                : httpStatus == 410 ? Outcome.GONE : Outcome.RETRY;
        return new Delivery(outcome, httpStatus, detail, answerStart);
    }

    public static Delivery retry(String detail) {
        return new Delivery(Outcome.RETRY, 0, detail, "");
    }

    public static Delivery refused(String detail) {
        return new Delivery(Outcome.REFUSED, 0, detail, "");
    }
}
