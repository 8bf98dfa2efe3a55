package io.radgate.storage;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.radgate.testing.Azurite;
import io.radgate.testing.LocalService;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link AzureBlobObjectStore} against a real Azurite on loopback. */
class AzureBlobObjectStoreIT extends ObjectStoreContract {
    private static Azurite azurite;
    private static AzureBlobObjectStore store;

    @BeforeAll
    static void start() {
        azurite = new Azurite().start();
        createContainer(azurite.connectionString(), BUCKET);
        store = open(azurite.connectionString());
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (azurite != null) {
            azurite.stop();
        }
    }

    private static AzureBlobObjectStore open(String connectionString) {
        return new AzureBlobObjectStore(connectionString, PAGE_SIZE, Duration.ofSeconds(2));
    }

    /** Containers are made by the test with the SDK itself: radgate never creates one. */
    private static void createContainer(String connectionString, String container) {
        new BlobServiceClientBuilder().connectionString(connectionString)
                .httpClient(new JdkHttpClientBuilder().build()).buildClient().createBlobContainer(container);
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Override
    ObjectStore storeVia(int port) {
        return open(azurite.connectionString(port));
    }

    @Override
    int emulatorPort() {
        return azurite.port();
    }

    @Override
    LocalService startAnother(Consumer<ObjectStore> storeOnIt) {
        Azurite other = new Azurite().start();
        createContainer(other.connectionString(), BUCKET);
        storeOnIt.accept(open(other.connectionString()));
        return other;
    }

    @Override
    String bucketNotFound(String bucket) {
        return "container '" + bucket + "' not found in Azure Blob Storage";
    }
}
