package io.radgate.protocol.invocations;

import io.radgate.error.RadgateException;
import io.radgate.storage.AzureBlobObjectStore;
import io.radgate.storage.GcsObjectStore;
import io.radgate.storage.ObjectStore;
import java.time.Duration;

/**
 * The GCS and Azure Blob clients of the bucket routes, made on first use (a radgate that never
 * sees a bucket request needs no credentials) and closed with the adapter.
 */
final class ObjectStores implements AutoCloseable {
    static final int PAGE_SIZE = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final InvocationsConfig config;
    private ObjectStore gcs;
    private ObjectStore azure;

    ObjectStores(InvocationsConfig config) {
        this.config = config;
    }

    synchronized ObjectStore of(String source) {
        return InvocationSpec.AZURE.equals(source) ? azure() : gcs();
    }

    synchronized ObjectStore gcs() {
        if (gcs == null) {
            try {
                gcs = new GcsObjectStore(config.gcsEndpoint().isEmpty() ? null : config.gcsEndpoint(),
                        config.gcsProject(), PAGE_SIZE, TIMEOUT);
            } catch (RadgateException e) {
                throw e;
            } catch (RuntimeException e) {
                throw RadgateException.unavailable("GCS client cannot start: " + e.getMessage());
            }
        }
        return gcs;
    }

    synchronized ObjectStore azure() {
        if (azure == null) {
            if (config.azureConnectionString().isEmpty()) {
                throw RadgateException.badInput("Azure Blob Storage is not configured (storage.azure.connection-string)");
            }
            try {
                azure = new AzureBlobObjectStore(config.azureConnectionString(), PAGE_SIZE, TIMEOUT);
            } catch (RadgateException e) {
                throw e;
            } catch (RuntimeException e) {
                throw RadgateException.unavailable("Azure Blob client cannot start: " + e.getClass().getSimpleName());
            }
        }
        return azure;
    }

    @Override
    public synchronized void close() {
        if (gcs != null) {
            gcs.close();
        }
        if (azure != null) {
            azure.close();
        }
    }
}
