package io.radgate.imaging;

import java.time.Duration;

/**
 * Bounds on every parse of untrusted imaging input; all come from configuration
 * ({@code imaging.*}, {@code zip.*} settings). Exceeding one is a typed 4xx error, checked
 * before the memory is allocated.
 */
public record ImagingLimits(long maxFileBytes, int maxFrames, int maxDimension, long maxDecodedBytes,
                            Duration nativeDecoderTimeout, int zipMaxEntries, long zipMaxTotalBytes, int zipMaxRatio) {

    // The settings these limits come from, named in error messages so that an operator knows what
    // to raise. Literal keys keep imaging free of the config package; PackageDependenciesTest
    // checks that each equals its config.Setting key.
    public static final String MAX_FILE_BYTES = "imaging.max-file-bytes";
    public static final String MAX_FRAMES = "imaging.max-frames";
    public static final String MAX_DIMENSION = "imaging.max-dimension";
    public static final String MAX_DECODED_BYTES = "imaging.max-decoded-bytes";
    public static final String ZIP_MAX_ENTRIES = "zip.max-entries";
    public static final String ZIP_MAX_TOTAL_BYTES = "zip.max-total-bytes";
    public static final String ZIP_MAX_RATIO = "zip.max-ratio";

    /** The documented defaults (see README's configuration table). */
    public static ImagingLimits defaults() {
        return new ImagingLimits(64L << 20, 4096, 16384, 64L << 20, Duration.ofSeconds(30), 20000, 4L << 30, 200);
    }
}
