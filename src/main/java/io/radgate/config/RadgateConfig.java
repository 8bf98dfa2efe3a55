package io.radgate.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * radgate's configuration, typed and validated. Built from a {@link ConfigSource}; every
 * field documents itself through the {@link Setting} it comes from.
 */
public record RadgateConfig(Triton triton, Listeners listeners, Limits limits, Imaging imaging,
                            List<String> requiredModels, boolean repositoryControl, Duration shutdownGrace) {

    /** How radgate reaches Triton. */
    public record Triton(String targets, Duration deadline, Duration controlDeadline, int maxMessageBytes,
                         Duration keepalive, Duration metadataCacheTtl) {
    }

    /** Where radgate listens. */
    public record Listeners(String host, int httpPort, boolean grpcEnabled, int grpcPort) {
    }

    /** Bounds on what clients may send. */
    public record Limits(long maxBodyBytes, int maxGrpcMessageBytes) {
    }

    /** Bounds on decoding untrusted images, DICOM and archives. */
    public record Imaging(long maxFileBytes, int maxFrames, int maxDimension, long maxPixels,
                          Duration nativeDecoderTimeout, int zipMaxEntries, long zipMaxTotalBytes, int zipMaxRatio) {
    }

    public static RadgateConfig from(ConfigSource src) {
        Triton triton = new Triton(
                nonEmpty(src, Setting.TRITON_TARGETS),
                millis(src, Setting.TRITON_DEADLINE_MS, 1),
                millis(src, Setting.TRITON_CONTROL_DEADLINE_MS, 1),
                (int) longIn(src, Setting.TRITON_MAX_MESSAGE_BYTES, 1024, Integer.MAX_VALUE),
                millis(src, Setting.TRITON_KEEPALIVE_MS, 0),
                millis(src, Setting.TRITON_METADATA_CACHE_MS, 0));
        Listeners listeners = new Listeners(
                nonEmpty(src, Setting.HTTP_HOST),
                port(src, Setting.HTTP_PORT),
                bool(src, Setting.GRPC_ENABLED),
                port(src, Setting.GRPC_PORT));
        Limits limits = new Limits(
                longIn(src, Setting.LIMITS_MAX_BODY_BYTES, 1, Long.MAX_VALUE),
                (int) longIn(src, Setting.LIMITS_MAX_GRPC_MESSAGE_BYTES, 1024, Integer.MAX_VALUE));
        Imaging imaging = new Imaging(
                longIn(src, Setting.IMAGING_MAX_FILE_BYTES, 1, Long.MAX_VALUE),
                (int) longIn(src, Setting.IMAGING_MAX_FRAMES, 1, Integer.MAX_VALUE),
                (int) longIn(src, Setting.IMAGING_MAX_DIMENSION, 1, 65535),
                longIn(src, Setting.IMAGING_MAX_PIXELS, 1, Long.MAX_VALUE),
                millis(src, Setting.IMAGING_NATIVE_DECODER_TIMEOUT_MS, 1),
                (int) longIn(src, Setting.ZIP_MAX_ENTRIES, 1, Integer.MAX_VALUE),
                longIn(src, Setting.ZIP_MAX_TOTAL_BYTES, 1, Long.MAX_VALUE),
                (int) longIn(src, Setting.ZIP_MAX_RATIO, 1, Integer.MAX_VALUE));
        return new RadgateConfig(triton, listeners, limits, imaging,
                list(src.get(Setting.MODELS_REQUIRED)),
                bool(src, Setting.KSERVE_REPOSITORY_CONTROL),
                millis(src, Setting.SHUTDOWN_GRACE_MS, 0));
    }

    public static List<String> list(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String nonEmpty(ConfigSource src, Setting s) {
        String v = src.get(s);
        if (v == null || v.isBlank()) {
            throw new ConfigException(s.key() + " (" + s.envVar() + ") must not be empty");
        }
        return v.trim();
    }

    private static long longIn(ConfigSource src, Setting s, long min, long max) {
        String v = nonEmpty(src, s);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(s.key() + " (" + s.envVar() + ") must be an integer, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new ConfigException(s.key() + " (" + s.envVar() + ") must be in [" + min + ", " + max
                    + "], got " + n);
        }
        return n;
    }

    private static Duration millis(ConfigSource src, Setting s, long min) {
        return Duration.ofMillis(longIn(src, s, min, Long.MAX_VALUE / 1_000_000));
    }

    private static int port(ConfigSource src, Setting s) {
        return (int) longIn(src, s, 0, 65535);
    }

    private static boolean bool(ConfigSource src, Setting s) {
        String v = nonEmpty(src, s);
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(s.key() + " (" + s.envVar() + ") must be true or false, got '" + v + "'");
    }
}
