package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.radgate.config.Setting;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real radgate over an in-process fake Triton: the error paths that a real Triton rarely shows on demand. */
class FakeTritonErrorPathsTest {
    private static final String INFER = "/v2/models/m/infer";
    private static final String SMALL_INFER = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\","
            + "\"data\":[1,2,3,4]}]}";

    private FakeTriton triton;
    private TestRadgate radgate;

    @BeforeEach
    void start() throws Exception {
        triton = new FakeTriton().start();
        triton.readyModels.add("m");
    }

    /** A port bound but never listening, for "Triton is down" (closed in stop()). */
    private Socket reserved;

    @AfterEach
    void stop() throws Exception {
        if (radgate != null) {
            radgate.close();
        }
        triton.close();
        if (reserved != null) {
            reserved.close();
        }
    }

    private void radgate(Map<Setting, String> settings) {
        radgate = TestRadgate.start(triton.target(), settings);
    }

    @Test
    void readyWhenTritonAndRequiredModelsAreReady() {
        radgate(Map.of(Setting.MODELS_REQUIRED, "m"));
        HttpResponse<byte[]> r = Http.get(radgate.url("/health/ready"));
        assertEquals(200, r.statusCode(), Http.text(r));
        assertEquals(200, Http.get(radgate.url("/health/live")).statusCode());
    }

    @Test
    void notReadyWhileARequiredModelIsNotReadyAndSaysWhich() {
        radgate(Map.of(Setting.MODELS_REQUIRED, "m,known-but-loading"));
        HttpResponse<byte[]> r = Http.get(radgate.url("/health/ready"));
        assertEquals(503, r.statusCode());
        assertTrue(Http.text(r).contains("known-but-loading"), Http.text(r));
    }

    @Test
    void tritonDownMakesReadinessAndInferenceFailFastWith503() throws Exception {
        // bound, never listening: connections are refused, and the port stays out of the OS's
        // hands (a port merely closed again was once given to one of this radgate's own
        // listeners, whose 404 then answered the Triton call)
        reserved = new Socket();
        reserved.bind(new InetSocketAddress("127.0.0.1", 0));
        radgate = TestRadgate.start("127.0.0.1:" + reserved.getLocalPort(), Map.of());
        long t0 = System.nanoTime();
        HttpResponse<byte[]> ready = Http.get(radgate.url("/health/ready"));
        HttpResponse<byte[]> infer = Http.postJson(radgate.url(INFER), SMALL_INFER);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(503, ready.statusCode());
        assertEquals(503, infer.statusCode(), Http.text(infer));
        assertEquals("2", infer.headers().firstValue("Retry-After").orElse(null));
        assertTrue(new JsonObject(Http.text(infer)).getString("error").contains("Triton"), Http.text(infer));
        assertTrue(ms < 2000, "both answers took " + ms + " ms; must fail fast (< 2 s)");
    }

    @Test
    void tritonKilledMidRunTurnsReadinessTo503() throws Exception {
        radgate(Map.of());
        assertEquals(200, Http.get(radgate.url("/health/ready")).statusCode());
        triton.kill();
        long t0 = System.nanoTime();
        assertEquals(503, Http.get(radgate.url("/health/ready")).statusCode());
        assertEquals(503, Http.postJson(radgate.url(INFER), SMALL_INFER).statusCode());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000);
    }

    @Test
    void slowTritonHitsTheDeadlineWith504() {
        triton.delayMillis = 3000;
        radgate(Map.of(Setting.TRITON_DEADLINE_MS, "300"));
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = Http.postJson(radgate.url(INFER), SMALL_INFER);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(504, r.statusCode(), Http.text(r));
        assertTrue(ms < 2000, "took " + ms + " ms with a 300 ms deadline");
    }

    @Test
    void wrongShapeReportedByTritonIs400WithTritonsMessage() {
        triton.infer = req -> {
            throw Status.INVALID_ARGUMENT.withDescription("unexpected shape for input 'IMAGE' for model 'm'. "
                    + "Expected [1,-1,-1], got [2,2]").asRuntimeException();
        };
        radgate(Map.of());
        HttpResponse<byte[]> r = Http.postJson(radgate.url(INFER), SMALL_INFER);
        assertEquals(400, r.statusCode());
        assertTrue(new JsonObject(Http.text(r)).getString("error").contains("unexpected shape for input 'IMAGE'"));
    }

    @Test
    void unknownModelIs404AsTritonAnswersIt() {
        // Triton 2.51 sends NOT_FOUND; its REST API answers 404, text/plain, the message unprefixed
        triton.infer = req -> {
            throw Status.NOT_FOUND.withDescription("Request for unknown model: 'm' is not found").asRuntimeException();
        };
        radgate(Map.of());
        HttpResponse<byte[]> r = Http.postJson(radgate.url(INFER), SMALL_INFER);
        assertEquals(404, r.statusCode());
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"error\":\"Request for unknown model: 'm' is not found\"}", Http.text(r));
    }

    @Test
    void internalFailureThatMentionsInvalidIs503NotBadInput() {
        triton.infer = req -> {
            throw Status.INTERNAL.withDescription("CUDA error: invalid device ordinal").asRuntimeException();
        };
        radgate(Map.of());
        HttpResponse<byte[]> r = Http.postJson(radgate.url(INFER), SMALL_INFER);
        assertEquals(503, r.statusCode(), Http.text(r));
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void tensorBytesReachTritonUnchanged() {
        radgate(Map.of());
        HttpResponse<byte[]> r = Http.postJson(radgate.url(INFER), SMALL_INFER);
        assertEquals(200, r.statusCode(), Http.text(r));
        assertEquals(1, triton.received.size());
        assertEquals("m", triton.received.get(0).getModelName());
        assertEquals(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 2, 3, 4}),
                triton.received.get(0).getRawInputContents(0));
        JsonObject out = new JsonObject(Http.text(r)).getJsonArray("outputs").getJsonObject(0);
        assertEquals("[1,2,3,4]", out.getJsonArray("data").encode());
    }

    @Test
    void bodyOverTheLimitIs413AndNeverReachesTriton() {
        radgate(Map.of(Setting.LIMITS_MAX_BODY_BYTES, "1024"));
        byte[] big = new byte[4096];
        HttpResponse<byte[]> r = Http.post(radgate.url(INFER), "application/json", big);
        assertEquals(413, r.statusCode());
        assertTrue(Http.text(r).contains("1024"), Http.text(r));
        assertEquals(0, triton.received.size());
    }

    @Test
    void malformedRequestsAre400NamingTheProblem() {
        radgate(Map.of());
        assertBadRequest("{not json", "not valid JSON");
        assertBadRequest("[]", "JSON object");
        assertBadRequest("{\"inputs\":[]}", "non-empty 'inputs'");
        assertBadRequest("{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\",\"data\":[1,2,3]}]}",
                "holds 4 elements but data has 3");
        assertBadRequest("{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1],\"datatype\":\"UINT8\",\"data\":[300]}]}",
                "out of range");
        assertBadRequest("{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1],\"datatype\":\"COMPLEX\",\"data\":[1]}]}",
                "unknown datatype");
        assertEquals(0, triton.received.size());
    }

    private void assertBadRequest(String body, String expected) {
        HttpResponse<byte[]> r = Http.postJson(radgate.url(INFER), body);
        assertEquals(400, r.statusCode(), body);
        String error = new JsonObject(Http.text(r)).getString("error");
        assertTrue(error.contains(expected), "'" + error + "' should contain '" + expected + "'");
    }

    @Test
    void unknownRoutesAndMethodsGetJsonErrors() {
        radgate(Map.of());
        HttpResponse<byte[]> r = Http.get(radgate.url("/nowhere"));
        assertEquals(404, r.statusCode());
        assertTrue(new JsonObject(Http.text(r)).getString("error").contains("/nowhere"));
        HttpResponse<byte[]> m = Http.get(radgate.url(INFER));
        assertEquals(405, m.statusCode());
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        radgate(Map.of());
        HttpResponse<byte[]> given = Http.post(radgate.url(INFER), "application/json",
                SMALL_INFER.getBytes(), "X-Request-Id", "abc-123");
        assertEquals("abc-123", given.headers().firstValue("X-Request-Id").orElse(null));
        HttpResponse<byte[]> unsafe = Http.post(radgate.url(INFER), "application/json",
                SMALL_INFER.getBytes(), "X-Request-Id", "has spaces and {braces}");
        String generated = unsafe.headers().firstValue("X-Request-Id").orElse("");
        assertTrue(generated.matches("[0-9a-f-]{36}"), generated);
    }

    @Test
    void repositoryControlIsOffByDefault() {
        radgate(Map.of());
        assertEquals(405, Http.post(radgate.url("/v2/repository/models/m/unload"), null, new byte[0]).statusCode());
    }
}
