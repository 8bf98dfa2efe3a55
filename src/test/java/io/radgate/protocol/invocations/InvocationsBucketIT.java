package io.radgate.protocol.invocations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.StorageOptions;
import io.radgate.config.Setting;
import io.radgate.storage.AzureBlobObjectStore;
import io.radgate.storage.GcsObjectStore;
import io.radgate.testing.Azurite;
import io.radgate.testing.GcsEmulator;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bucket routes (§2.3) against the REAL Triton, a real GCS emulator and Azurite: images under
 * a prefix become one job each, objects that are not images are skipped, slice_idx selects
 * {@code file.NNN}, Write-To-GCS writes each result to the output bucket.
 */
class InvocationsBucketIT {
    static final String IN = "radgate-in";
    static final String OUT = "radgate-out";
    private static GcsEmulator gcs;
    private static Azurite azurite;
    private static GcsObjectStore gcsStore;
    private static AzureBlobObjectStore azureStore;
    private static LoopbackReceiver receiver;
    private static TestRadgate radgate;

    @BeforeAll
    static void start() throws Exception {
        gcs = new GcsEmulator().start();
        azurite = new Azurite().start();
        try (var admin = StorageOptions.newBuilder().setHost(gcs.endpoint()).setProjectId("radgate")
                .setCredentials(NoCredentials.getInstance()).build().getService()) {
            admin.create(BucketInfo.of(IN));
            admin.create(BucketInfo.of(OUT));
        }
        new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .httpClient(new JdkHttpClientBuilder().build()).buildClient().createBlobContainer(IN);
        gcsStore = new GcsObjectStore(gcs.endpoint(), "radgate", 100, Duration.ofSeconds(30));
        azureStore = new AzureBlobObjectStore(azurite.connectionString(), 100, Duration.ofSeconds(30));
        byte[] png = InvocationsIT.png(24, 16, 6);
        for (String name : List.of("study/a.png", "study/b.png", "study/c.png")) {
            gcsStore.write(IN, name, png, "image/png");
            azureStore.write(IN, name, png, "image/png");
        }
        gcsStore.write(IN, "study/notes.txt", "not an image".getBytes(StandardCharsets.UTF_8), "text/plain");
        for (int i = 1; i <= 3; i++) {
            gcsStore.write(IN, String.format("series/file.%03d", i), png, "application/octet-stream");
        }
        receiver = new LoopbackReceiver();
        radgate = TestRadgate.start(TritonProcess.shared().grpcTarget(), Map.of(
                Setting.INVOCATIONS_WEBHOOK_ALLOW, "127.0.0.1",
                Setting.STORAGE_GCS_ENDPOINT, gcs.endpoint(),
                Setting.STORAGE_AZURE_CONNECTION_STRING, azurite.connectionString(),
                Setting.INVOCATIONS_GCS_INPUT_BUCKET, IN,
                Setting.INVOCATIONS_GCS_OUTPUT_BUCKET, OUT,
                Setting.INVOCATIONS_AZURE_OUTPUT_BUCKET, OUT,
                Setting.JOBS_POLL_MS, "100"));
    }

    @AfterAll
    static void stop() {
        radgate.close();
        receiver.close();
        gcsStore.close();
        azureStore.close();
        azurite.close();
        gcs.close();
    }

    static HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(radgate.url("invocations", path)))
                .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return InvocationsIT.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyImageUnderTheGcsPrefixIsAJobAndItsResultIsWrittenToTheOutputBucket() throws Exception {
        HttpResponse<String> r = post("/bucket_invocations", Map.of("Input-Location", "study",
                "Webhook-Url", receiver.url("/gcs"), "Write-To-GCS", "true", "Examination-ID", "ex-1"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = new JsonObject(r.body());
        assertEquals(new JsonArray(List.of("study/a.png", "study/b.png", "study/c.png")), answer.getJsonArray("filename"),
                "the text object is skipped");
        assertEquals("sent", answer.getString("status"));
        assertEquals("ex-1", answer.getString("examination_id"));
        JsonArray uuids = answer.getJsonArray("request_uuid");
        for (int i = 0; i < 3; i++) {
            String uuid = uuids.getString(i);
            assertEquals("results/" + uuid + ".json", answer.getJsonArray("result_path").getString(i));
            JsonObject hook = new JsonObject(InvocationsIT.webhookFor(receiver, uuid).body());
            assertEquals("COMPLETED", hook.getString("status"));
            assertEquals(answer.getJsonArray("filename").getString(i), hook.getString("filename"));
            JsonArray written = new JsonArray(new String(gcsStore.read(OUT, "results/" + uuid + ".json", 1 << 20),
                    StandardCharsets.UTF_8));
            assertEquals(hook.getJsonObject("output").getJsonArray("instances").getJsonObject(0)
                    .getJsonArray("points"), written, "the model output is written as JSON");
        }
    }

    @Test
    void sliceIdxSelectsFileNnnObjectsOnly() throws Exception {
        HttpResponse<String> r = post("/bucket_invocations", Map.of("Input-Location", "series",
                "Webhook-Url", receiver.url("/slices"), "Inference-Parameters", "{'threshold': 0.25, 'slice_idx': [1, 3]}"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = new JsonObject(r.body());
        assertEquals(new JsonArray(List.of("series/file.001", "series/file.003")), answer.getJsonArray("filename"));
        assertNull(answer.getJsonArray("result_path").getValue(0), "no result path without Write-To-GCS");
        JsonObject hook = new JsonObject(InvocationsIT.webhookFor(receiver, answer.getJsonArray("request_uuid").getString(1)).body());
        assertEquals("COMPLETED", hook.getString("status"));
    }

    @Test
    void theAzureRouteReadsBlobsAndAnEmptyPrefixIsNoImagesFound() throws Exception {
        HttpResponse<String> r = post("/bucket_invocations_azure_uae", Map.of("Input-Location", "study",
                "Input-Bucket-Name", IN, "Webhook-Url", receiver.url("/azure"), "Write-To-GCS", "true"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = new JsonObject(r.body());
        assertEquals(3, answer.getJsonArray("request_uuid").size());
        String uuid = answer.getJsonArray("request_uuid").getString(2);
        assertEquals("COMPLETED", new JsonObject(InvocationsIT.webhookFor(receiver, uuid).body()).getString("status"));
        InvocationsIT.waitFor(() -> {
            try {
                return gcsStore.read(OUT, "results/" + uuid + ".json", 1 << 20).length > 0;
            } catch (RuntimeException e) {
                return false;
            }
        });

        HttpResponse<String> none = post("/bucket_invocations_azure_uae", Map.of("Input-Location", "nothing-here",
                "Input-Bucket-Name", IN, "Webhook-Url", receiver.url("/azure"), "Examination-ID", "ex-2"));
        assertEquals(400, none.statusCode());
        assertEquals(new JsonObject().put("error", "No images found").put("examination_id", "ex-2"),
                new JsonObject(none.body()));
    }

    @Test
    void aMissingBucketIs400NamingIt() throws Exception {
        HttpResponse<String> r = post("/bucket_invocations", Map.of("Input-Location", "study",
                "Input-Bucket-Name", "no-such-bucket", "Webhook-Url", receiver.url("/x")));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(new JsonObject(r.body()).getString("error").contains("no-such-bucket"), r.body());
    }
}
