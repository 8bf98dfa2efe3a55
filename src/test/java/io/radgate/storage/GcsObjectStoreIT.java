package io.radgate.storage;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.radgate.testing.GcsEmulator;
import io.radgate.testing.LocalService;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link GcsObjectStore} against a real GCS emulator (gcp-storage-emulator) on loopback. */
class GcsObjectStoreIT extends ObjectStoreContract {
    private static GcsEmulator emulator;
    private static GcsObjectStore store;

    @BeforeAll
    static void start() {
        emulator = new GcsEmulator().start();
        createBucket(emulator.endpoint(), BUCKET);
        store = open(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (emulator != null) {
            emulator.stop();
        }
    }

    private static GcsObjectStore open(String endpoint) {
        return new GcsObjectStore(endpoint, "radgate-test", PAGE_SIZE, Duration.ofSeconds(2));
    }

    /** Buckets are made by the test with the SDK itself: radgate never creates one. */
    private static void createBucket(String endpoint, String bucket) {
        try (Storage admin = StorageOptions.http().setHost(endpoint).setProjectId("radgate-test")
                .setCredentials(NoCredentials.getInstance()).build().getService()) {
            admin.create(BucketInfo.of(bucket));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Override
    ObjectStore storeVia(int port) {
        return open("http://127.0.0.1:" + port);
    }

    @Override
    int emulatorPort() {
        return emulator.port();
    }

    @Override
    LocalService startAnother(Consumer<ObjectStore> storeOnIt) {
        GcsEmulator other = new GcsEmulator().start();
        createBucket(other.endpoint(), BUCKET);
        storeOnIt.accept(open(other.endpoint()));
        return other;
    }

    @Override
    String bucketNotFound(String bucket) {
        return "bucket '" + bucket + "' not found in GCS";
    }
}
