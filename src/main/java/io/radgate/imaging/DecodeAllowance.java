package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.util.function.Supplier;

/**
 * What one request may still spend on decoded pixels, all its images together: at most
 * {@code imaging.max-decoded-bytes}, and each image's share claimed from radgate's memory
 * budget BEFORE its pixels are allocated (the claim may be refused: 503, retry later).
 *
 * <p>An adapter runs a request's decoding inside {@link #during}; the readers call
 * {@link #claim} where they have read a header and know the decoded size. A thread's decoding
 * outside {@code during} (a CT-CLIP slice, decoded and dropped one at a time) is bounded per
 * object only, by the readers' own checks.
 */
public final class DecodeAllowance {
    /**
     * Budget bytes claimed per decoded byte: the decoder's own image and radgate's copy of the
     * samples exist at once.
     */
    public static final int WORKING_COPIES = 2;

    /** Takes memory from the global budget, or throws. */
    @FunctionalInterface
    public interface Budget {
        void claim(long bytes, String what);
    }

    private static final ThreadLocal<DecodeAllowance> CURRENT = new ThreadLocal<>();

    private final long maxBytes;
    private final Budget budget;
    private long used;

    public DecodeAllowance(long maxBytes, Budget budget) {
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    /** Runs {@code decoding} on this thread with this allowance in force. */
    public <T> T during(Supplier<T> decoding) {
        DecodeAllowance outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return decoding.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Decoded bytes claimed so far. */
    public synchronized long used() {
        return used;
    }

    /**
     * Called by a reader before it allocates {@code bytes} of decoded samples; does nothing
     * when no allowance is in force on this thread.
     *
     * @throws RadgateException TOO_LARGE over {@code imaging.max-decoded-bytes} for the request,
     *                          or what the budget throws
     */
    static void claim(long bytes, String what) {
        DecodeAllowance a = CURRENT.get();
        if (a != null) {
            a.take(bytes, what);
        }
    }

    private synchronized void take(long bytes, String what) {
        if (bytes > maxBytes - used) {
            throw new RadgateException(ErrorKind.TOO_LARGE, what + " decodes to " + bytes + " bytes"
                    + (used > 0 ? " (after " + used + " bytes of earlier images in this request)" : "")
                    + ", more than " + maxBytes + " bytes of decoded pixels per request ("
                    + ImagingLimits.MAX_DECODED_BYTES + ")");
        }
        budget.claim(bytes * WORKING_COPIES, what + " (" + bytes + " decoded bytes)");
        used += bytes;
    }
}
