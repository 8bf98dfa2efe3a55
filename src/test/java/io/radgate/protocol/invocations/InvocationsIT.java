package io.radgate.protocol.invocations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.config.Setting;
import io.radgate.testing.LogCapture;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invocations gateway against the REAL Triton (model boundary_polyline), a real webhook
 * receiver on loopback and the embedded job store: §2.2's answers, webhook bodies and errors.
 */
class InvocationsIT {
    static final String SECRET_KEY = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(SECRET_KEY.getBytes(StandardCharsets.UTF_8));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestRadgate radgate;
    private static LoopbackReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();
        radgate = TestRadgate.start(TritonProcess.shared().grpcTarget(), Map.of(
                Setting.INVOCATIONS_WEBHOOK_ALLOW, "127.0.0.1",
                Setting.INVOCATIONS_WEBHOOK_SECRET, SECRET,
                Setting.JOBS_POLL_MS, "100"));
    }

    @AfterAll
    static void stop() {
        radgate.close();
        receiver.close();
    }

    /** A w × h gray PNG: black above row {@code top}, 200 from it down. */
    static byte[] png(int w, int h, int top) throws IOException {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = top; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.getRaster().setSample(x, y, 0, 200);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(im, "png", out);
        return out.toByteArray();
    }

    static HttpResponse<String> post(String path, byte[] image, String partType, Map<String, String> headers)
            throws Exception {
        return post(path, "scan 1.png", image, partType, headers);
    }

    static HttpResponse<String> postTo(TestRadgate target, String path, byte[] image, Map<String, String> headers)
            throws Exception {
        return post(target, path, "scan 1.png", image, "image/png", headers);
    }

    static HttpResponse<String> post(String path, String filename, byte[] image, String partType,
                                     Map<String, String> headers) throws Exception {
        return post(radgate, path, filename, image, partType, headers);
    }

    static HttpResponse<String> post(TestRadgate radgate, String path, String filename, byte[] image, String partType,
                                     Map<String, String> headers) throws Exception {
        return InvocationUpload.send(radgate.url("invocations", path), filename, image, partType, headers);
    }

    static LoopbackReceiver.Hit webhookFor(String uuid) throws InterruptedException {
        return webhookFor(receiver, uuid);
    }

    static LoopbackReceiver.Hit webhookFor(LoopbackReceiver receiver, String uuid) throws InterruptedException {
        waitFor(() -> receiver.hits.stream().anyMatch(h -> uuid.equals(h.headers().get("webhook-id"))));
        return receiver.hits.stream().filter(h -> uuid.equals(h.headers().get("webhook-id"))).findFirst().orElseThrow();
    }

    static void waitFor(BooleanSupplier c) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        while (!c.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void pingIs200WhenTheModelIsReady() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(radgate.url("invocations", "/ping")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void anUploadIsSentThenItsPolylineIsPostedSignedToTheWebhook() throws Exception {
        HttpResponse<String> r = post("/invocations", png(40, 30, 12), "image/png", Map.of(
                "Webhook-Url", receiver.url("/hook"), "Examination-ID", "exam-7",
                "Inference-Parameters", "{'threshold': 0.5}"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject sent = new JsonObject(r.body());
        assertEquals("sent", sent.getString("status"));
        assertEquals("scan 1.png", sent.getString("filename"));
        assertEquals("exam-7", sent.getString("examination_id"));
        String uuid = sent.getString("request_uuid");
        assertEquals(4, sent.size());

        LoopbackReceiver.Hit hit = webhookFor(uuid);
        assertEquals("/hook", hit.path());
        JsonObject body = new JsonObject(hit.body());
        assertEquals(uuid, body.getString("id"));
        assertEquals("COMPLETED", body.getString("status"));
        assertEquals("scan 1.png", body.getString("filename"));
        JsonObject output = body.getJsonObject("output");
        assertEquals(new JsonObject().put("height", 30).put("width", 40), output.getJsonObject("metadata"));
        JsonObject instance = output.getJsonArray("instances").getJsonObject(0);
        assertEquals("polyline", instance.getString("type"));
        assertEquals("ilm", instance.getString("className"));
        assertEquals(14, instance.getInteger("classId"));
        assertEquals(100, instance.getInteger("probability"));
        assertEquals(new JsonArray(), instance.getJsonArray("attributes"));
        JsonArray points = instance.getJsonArray("points");
        assertEquals(40, points.size(), "one point per column");
        for (int x = 0; x < 40; x++) {
            JsonArray p = points.getJsonArray(x);
            assertEquals(x, p.getDouble(0), 1e-6);
            // the 3x3 mean crosses 0.5 * 255 between rows 11 and 12 (mean 66.7 then 133.3 at the edge)
            assertEquals(11.9, p.getDouble(1), 0.1, "column " + x);
        }
        // Standard Webhooks: v1,base64(HMAC-SHA256(key, id.timestamp.body))
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signed = uuid + "." + hit.headers().get("webhook-timestamp") + "." + hit.body();
        assertEquals("v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))),
                hit.headers().get("webhook-signature"));

        waitFor(() -> status(uuid).getString("status").equals("delivered"));
        JsonObject status = status(uuid);
        assertEquals(body, status.getJsonObject("result"), "the result is kept for GET /invocations/{uuid}");
    }

    static JsonObject status(String uuid) {
        return statusOn(radgate, uuid);
    }

    static JsonObject statusOn(TestRadgate radgate, String uuid) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(radgate.url("invocations",
                    "/invocations/" + uuid))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return new JsonObject(r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachStateChangeIsOneLogLineWithTheSeedFieldsAndNoClientFileName() throws Exception {
        String name = "DOE^JANE 1961-04-02.png";
        try (LogCapture logs = new LogCapture()) {
            HttpResponse<String> r = post("/invocations", name, png(16, 16, 4), "image/png",
                    Map.of("Webhook-Url", receiver.url("/logs"), "Examination-ID", "exam-logs"));
            String uuid = new JsonObject(r.body()).getString("request_uuid");
            waitFor(() -> status(uuid).getString("status").equals("delivered"));
            List<String> lines = logs.lines().stream().map(LogCapture.Line::text)
                    .filter(t -> t.contains(uuid)).toList();
            for (String state : List.of("RUNNING", "COMPLETED", "DELIVERED")) {
                assertTrue(lines.stream().anyMatch(t -> t.contains("status=" + state)
                        && t.contains("examination_id=exam-logs") && t.contains("model=boundary_polyline")
                        && t.contains("filename=sha256:")), state + " in " + lines);
            }
            assertTrue(logs.lines().stream().noneMatch(l -> l.text().contains("DOE^JANE")),
                    "the client's file name never reaches a log line");
        }
    }

    @Test
    void aThousandConcurrentJobsGetAThousandWebhooks() throws Exception {
        int n = 1000;
        byte[] image = png(64, 64, 20);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(32);
        List<java.util.concurrent.Future<String>> sent = new java.util.ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sent.add(clients.submit(() -> {
                HttpResponse<String> r = post("/invocations", image, "image/png",
                        Map.of("Webhook-Url", receiver.url("/thousand")));
                assertEquals(200, r.statusCode(), r.body());
                return new JsonObject(r.body()).getString("request_uuid");
            }));
        }
        java.util.Set<String> uuids = new java.util.HashSet<>();
        for (var f : sent) {
            uuids.add(f.get());
        }
        clients.shutdown();
        double submitted = (System.nanoTime() - t0) / 1e9;
        assertEquals(n, uuids.size(), "a request_uuid per request");
        Instant end = Instant.now().plusSeconds(180);
        while (receiver.hits.stream().filter(h -> h.path().equals("/thousand")).map(h -> h.headers().get("webhook-id"))
                .distinct().count() < n && Instant.now().isBefore(end)) {
            Thread.sleep(100);
        }
        Map<String, Long> perId = receiver.hits.stream().filter(h -> h.path().equals("/thousand"))
                .collect(java.util.stream.Collectors.groupingBy(h -> h.headers().get("webhook-id"),
                        java.util.stream.Collectors.counting()));
        long duplicates = perId.values().stream().mapToLong(c -> c - 1).sum();
        System.out.printf("invocations 1000 jobs: submitted in %.1f s, %d of %d delivered in %.1f s, %d duplicates%n",
                submitted, perId.size(), n, (System.nanoTime() - t0) / 1e9, duplicates);
        assertEquals(uuids, perId.keySet(), "one webhook per request_uuid");
        assertEquals(0, duplicates, "no process died, so at-least-once delivered each exactly once");
        for (LoopbackReceiver.Hit h : receiver.hits) {
            if (h.path().equals("/thousand")) {
                assertEquals("COMPLETED", new JsonObject(h.body()).getString("status"));
            }
        }
    }

    @Test
    void aModelErrorIsAFailedWebhook() throws Exception {
        HttpResponse<String> r = post("/invocations", png(16, 16, 4), "image/png", Map.of(
                "Webhook-Url", receiver.url("/hook"), "Inference-Parameters", "{'threshold': 7}"));
        assertEquals(200, r.statusCode(), r.body());
        String uuid = new JsonObject(r.body()).getString("request_uuid");
        JsonObject body = new JsonObject(webhookFor(uuid).body());
        assertEquals("FAILED", body.getString("status"));
        assertTrue(body.getString("error").contains("'threshold' must be a number in [0.0, 1.0], got 7"), body.encode());
        assertEquals(List.of("id", "status", "error", "filename"), List.copyOf(body.fieldNames()));
    }

    @Test
    void aPartThatIsNotAnImageTypeIs415WithTheOriginalText() throws Exception {
        HttpResponse<String> r = post("/invocations", png(8, 8, 2), "application/pdf",
                Map.of("Webhook-Url", receiver.url("/hook")));
        assertEquals(415, r.statusCode());
        assertEquals("Cannot decode image data. Is content_type correct?", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    }

    @Test
    void webhookUrlsToInternalAddressesAreRefusedBeforeAnythingRuns() throws Exception {
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data",
                "ftp://example.com/x", "http://[::1]/x", "http://192.168.0.10/x")) {
            HttpResponse<String> r = post("/invocations", png(8, 8, 2), "image/png",
                    Map.of("Webhook-Url", url, "Examination-ID", "e1"));
            assertEquals(400, r.statusCode(), url + " -> " + r.body());
            JsonObject body = new JsonObject(r.body());
            assertEquals("error", body.getString("status"));
            assertEquals("e1", body.getString("examination_id"));
            assertTrue(body.getString("message").toLowerCase().contains("webhook"), body.getString("message"));
        }
        HttpResponse<String> missing = post("/invocations", png(8, 8, 2), "image/png", Map.of());
        assertEquals(400, missing.statusCode());
        assertTrue(new JsonObject(missing.body()).getString("message").contains("Webhook-Url"));
    }

    @Test
    void badInferenceParametersAre400() throws Exception {
        HttpResponse<String> r = post("/invocations", png(8, 8, 2), "image/png", Map.of(
                "Webhook-Url", receiver.url("/hook"), "Inference-Parameters", "{threshold: }"));
        assertEquals(400, r.statusCode());
        assertTrue(new JsonObject(r.body()).getString("message").startsWith("Inference-Parameters is not valid JSON"));
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheSameRequestUuidAndOneWebhook() throws Exception {
        byte[] image = png(20, 20, 5);
        Map<String, String> h = Map.of("Webhook-Url", receiver.url("/idem"), "Idempotency-Key", "k-" + Instant.now());
        String first = post("/invocations", image, "image/png", h).body();
        String again = post("/invocations", image, "image/png", h).body();
        assertEquals(first, again);
        String uuid = new JsonObject(first).getString("request_uuid");
        webhookFor(uuid);
        Thread.sleep(500);
        assertEquals(1, receiver.hits.stream().filter(x -> uuid.equals(x.headers().get("webhook-id"))).count());
        HttpResponse<String> other = post("/invocations", png(20, 20, 6), "image/png", h);
        assertEquals(422, other.statusCode(), other.body());
    }

    @Test
    void aReceiverThatFailsGetsTheResultOnALaterAttempt() throws Exception {
        receiver.failFirst.set(2);
        HttpResponse<String> r = post("/invocations", png(12, 12, 3), "image/png",
                Map.of("Webhook-Url", receiver.url("/retry")));
        String uuid = new JsonObject(r.body()).getString("request_uuid");
        webhookFor(uuid);
        JsonObject status = status(uuid);
        waitFor(() -> status(uuid).getString("status").equals("delivered"));
        assertEquals(2, status(uuid).getJsonObject("delivery").getInteger("attempts"));
    }

    @Test
    void aReceiverThatIsDownGetsTheResultSoonAfterItComesBack() throws Exception {
        int port = LoopbackReceiver.freePort(); // nothing listens there yet: connections are refused
        String hook = "http://127.0.0.1:" + port + "/down";
        String uuid = new JsonObject(post("/invocations", png(12, 12, 3), "image/png",
                Map.of("Webhook-Url", hook)).body()).getString("request_uuid");
        waitFor(() -> status(uuid).getJsonObject("delivery").getInteger("attempts", 0) >= 2);
        JsonObject waiting = status(uuid);
        assertEquals("completed", waiting.getString("status"), "run, not yet delivered: " + waiting);
        assertTrue(waiting.getJsonObject("delivery").getString("last_error").toLowerCase().contains("connect"),
                waiting.encode());
        try (LoopbackReceiver back = new LoopbackReceiver(port)) {
            long upAt = System.nanoTime();
            webhookFor(back, uuid);
            double seconds = (System.nanoTime() - upAt) / 1e9;
            waitFor(() -> status(uuid).getString("status").equals("delivered"));
            System.out.printf("invocations receiver down: delivered %.1f s after it came back, attempt %d%n", seconds,
                    status(uuid).getJsonObject("delivery").getInteger("attempts"));
            assertEquals(1, back.tally("/down").distinct());
        }
    }
}
