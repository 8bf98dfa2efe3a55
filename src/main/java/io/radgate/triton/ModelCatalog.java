package io.radgate.triton;

import io.radgate.triton.proto.ModelConfig;
import io.radgate.triton.proto.ModelMetadataResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Caches model metadata and config fetched from Triton. Concurrent lookups of one model share
 * one call; failures are not cached; entries expire after the configured TTL and are dropped
 * when a model is loaded or unloaded through radgate.
 */
final class ModelCatalog {
    private record Entry<T>(CompletableFuture<T> value, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final Map<String, Entry<ModelMetadataResponse>> metadata = new ConcurrentHashMap<>();
    private final Map<String, Entry<ModelConfig>> configs = new ConcurrentHashMap<>();

    ModelCatalog(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    CompletableFuture<ModelMetadataResponse> metadata(String name, String version,
                                                      Supplier<CompletableFuture<ModelMetadataResponse>> fetch) {
        return lookup(metadata, key(name, version), fetch);
    }

    CompletableFuture<ModelConfig> config(String name, String version,
                                          Supplier<CompletableFuture<ModelConfig>> fetch) {
        return lookup(configs, key(name, version), fetch);
    }

    void invalidate(String name) {
        String prefix = name + ":";
        metadata.keySet().removeIf(k -> k.startsWith(prefix));
        configs.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private <T> CompletableFuture<T> lookup(Map<String, Entry<T>> map, String key,
                                            Supplier<CompletableFuture<T>> fetch) {
        long now = System.nanoTime();
        Entry<T> e = map.compute(key, (k, old) -> {
            if (old != null && now - old.expiresAtNanos() < 0 && !old.value().isCompletedExceptionally()) {
                return old;
            }
            return new Entry<>(fetch.get(), now + ttlNanos);
        });
        CompletableFuture<T> f = e.value();
        f.whenComplete((v, err) -> {
            if (err != null) {
                map.remove(key, e);
            }
        });
        return f;
    }

    private static String key(String name, String version) {
        return name + ":" + (version == null ? "" : version);
    }
}
