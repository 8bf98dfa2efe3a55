package io.radgate.triton;

import java.util.List;
import java.util.Map;

/**
 * The gRPC service config of radgate's Triton channel (the map form grpc-java parses; numbers
 * as doubles, as from JSON): round_robin always, and with two replicas or more up to two retries
 * of a ModelInfer answered NOT_FOUND (see {@link ReplicaResolver} for why only that).
 */
final class TritonServiceConfig {
    private TritonServiceConfig() {
    }

    static Map<String, ?> forReplicas(int replicas) {
        List<Map<String, ?>> lb = List.of(Map.of("round_robin", Map.of()));
        if (replicas < 2) {
            return Map.of("loadBalancingConfig", lb);
        }
        // the back-off (random, up to 100 ms then 200 ms) gives the resolver time to probe the
        // replica that answered NOT_FOUND (ReplicaSuspicions) and take it out before the retry
        Map<String, ?> retry = Map.of(
                "maxAttempts", 3.0,
                "initialBackoff", "0.1s",
                "maxBackoff", "0.2s",
                "backoffMultiplier", 2.0,
                "retryableStatusCodes", List.of("NOT_FOUND"));
        Map<String, ?> infer = Map.of(
                "name", List.of(Map.of("service", "inference.GRPCInferenceService", "method", "ModelInfer")),
                "retryPolicy", retry);
        return Map.of("loadBalancingConfig", lb, "methodConfig", List.of(infer));
    }
}
