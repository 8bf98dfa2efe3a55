package io.radgate.config;

import java.time.Duration;
import java.util.List;

/**
 * radgate's configuration, typed and validated. Built from a {@link ConfigSource}; every
 * field documents itself through the {@link Setting} it comes from.
 */
public record RadgateConfig(Triton triton, Listeners listeners, Limits limits, Imaging imaging,
                            List<String> requiredModels, boolean repositoryControl, Duration shutdownGrace,
                            SettingReader settings) {

    /** How radgate reaches Triton. */
    public record Triton(String targets, Duration deadline, Duration controlDeadline, int maxMessageBytes,
                         int maxMetadataBytes, Duration keepalive, Duration metadataCacheTtl, Duration healthInterval,
                         Duration resolveInterval) {
    }

    /** Where radgate listens. */
    public record Listeners(String host, int httpPort, boolean grpcEnabled, int grpcPort) {
    }

    /** Bounds on what clients may send. */
    public record Limits(long maxBodyBytes, int maxGrpcMessageBytes, long memoryBudgetBytes) {
    }

    /** Bounds on decoding untrusted images, DICOM and archives. */
    public record Imaging(long maxFileBytes, int maxFrames, int maxDimension, long maxDecodedBytes,
                          Duration nativeDecoderTimeout, int zipMaxEntries, long zipMaxTotalBytes, int zipMaxRatio) {
    }

    public static RadgateConfig from(ConfigSource src) {
        SettingReader r = new SettingReader(src);
        Triton triton = new Triton(
                r.nonEmpty(Setting.TRITON_TARGETS),
                r.millis(Setting.TRITON_DEADLINE_MS, 1),
                r.millis(Setting.TRITON_CONTROL_DEADLINE_MS, 1),
                r.intIn(Setting.TRITON_MAX_MESSAGE_BYTES, 1024, Integer.MAX_VALUE),
                r.intIn(Setting.TRITON_MAX_METADATA_BYTES, 8192, Integer.MAX_VALUE),
                r.millis(Setting.TRITON_KEEPALIVE_MS, 0),
                r.millis(Setting.TRITON_METADATA_CACHE_MS, 0),
                r.millis(Setting.TRITON_HEALTH_MS, 0),
                r.millis(Setting.TRITON_RESOLVE_MS, 0));
        Listeners listeners = new Listeners(
                r.nonEmpty(Setting.HTTP_HOST),
                r.port(Setting.HTTP_PORT),
                r.bool(Setting.GRPC_ENABLED),
                r.port(Setting.GRPC_PORT));
        Limits limits = new Limits(
                r.longIn(Setting.LIMITS_MAX_BODY_BYTES, 1, Long.MAX_VALUE),
                r.intIn(Setting.LIMITS_MAX_GRPC_MESSAGE_BYTES, 1024, Integer.MAX_VALUE),
                r.longIn(Setting.LIMITS_MEMORY_BUDGET_BYTES, 0, Long.MAX_VALUE));
        // 0 = a share of the heap this JVM really has, so the defaults fit it (512 MiB or 16 GiB)
        long heapEighth = Runtime.getRuntime().maxMemory() / 8;
        Imaging imaging = new Imaging(
                orElse(r.longIn(Setting.IMAGING_MAX_FILE_BYTES, 0, Long.MAX_VALUE), heapEighth),
                r.intIn(Setting.IMAGING_MAX_FRAMES, 1, Integer.MAX_VALUE),
                r.intIn(Setting.IMAGING_MAX_DIMENSION, 1, 65535),
                orElse(r.longIn(Setting.IMAGING_MAX_DECODED_BYTES, 0, Long.MAX_VALUE), heapEighth),
                r.millis(Setting.IMAGING_NATIVE_DECODER_TIMEOUT_MS, 1),
                r.intIn(Setting.ZIP_MAX_ENTRIES, 1, Integer.MAX_VALUE),
                r.longIn(Setting.ZIP_MAX_TOTAL_BYTES, 1, Long.MAX_VALUE),
                r.intIn(Setting.ZIP_MAX_RATIO, 1, Integer.MAX_VALUE));
        return new RadgateConfig(triton, listeners, limits, imaging,
                r.list(Setting.MODELS_REQUIRED),
                r.bool(Setting.KSERVE_REPOSITORY_CONTROL),
                r.millis(Setting.SHUTDOWN_GRACE_MS, 0), r);
    }

    private static long orElse(long configured, long whenZero) {
        return configured == 0 ? whenZero : configured;
    }
}
