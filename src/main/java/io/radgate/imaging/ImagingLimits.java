package io.radgate.imaging;

import java.time.Duration;

/**
 * Bounds on every parse of untrusted imaging input; all come from configuration
 * ({@code imaging.*}, {@code zip.*} settings). Exceeding one is a typed 4xx error, checked
 * before the memory is allocated.
 */
public record ImagingLimits(long maxFileBytes, int maxFrames, int maxDimension, long maxDecodedBytes,
                            Duration nativeDecoderTimeout, int zipMaxEntries, long zipMaxTotalBytes, int zipMaxRatio) {

    /** The documented defaults (see README's configuration table). */
    public static ImagingLimits defaults() {
        return new ImagingLimits(64L << 20, 4096, 16384, 64L << 20, Duration.ofSeconds(30), 20000, 4L << 30, 200);
    }
}
