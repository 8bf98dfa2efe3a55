package io.radgate.triton;

import java.time.Duration;

/**
 * How to reach Triton. {@code targets} is either a comma-separated list of {@code host:port}
 * or a gRPC target URI such as {@code dns:///triton-headless:8001}.
 */
public record TritonClientOptions(String targets, Duration inferDeadline, Duration controlDeadline,
                                  int maxInboundMessageBytes, int maxInboundMetadataBytes, Duration keepalive,
                                  Duration metadataCacheTtl) {

    public static TritonClientOptions defaults(String targets) {
        return new TritonClientOptions(targets, Duration.ofSeconds(30), Duration.ofSeconds(2),
                256 * 1024 * 1024, 1024 * 1024, Duration.ofMinutes(5), Duration.ofSeconds(60));
    }
}
