package io.radgate.triton;

import java.time.Duration;

/**
 * How to reach Triton. {@code targets} is a comma-separated list of {@code host:port} and
 * {@code dns:///name:port} entries, or one gRPC target URI of another scheme.
 */
public record TritonClientOptions(String targets, Duration inferDeadline, Duration controlDeadline,
                                  int maxInboundMessageBytes, int maxInboundMetadataBytes, Duration keepalive,
                                  Duration metadataCacheTtl, Duration healthInterval, Duration resolveInterval) {

    public static TritonClientOptions defaults(String targets) {
        return new TritonClientOptions(targets, Duration.ofSeconds(30), Duration.ofSeconds(2),
                256 * 1024 * 1024, 1024 * 1024, Duration.ofMinutes(5), Duration.ofSeconds(60),
                TritonResolverProvider.DEFAULT_HEALTH, TritonResolverProvider.DEFAULT_RESOLVE);
    }
}
