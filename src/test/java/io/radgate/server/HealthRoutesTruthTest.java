package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every health route of every protocol tells the truth (ready, Triton not ready, Triton down),
 * and no body names a Java class or a stack frame. Arterys' /healthcheck stays 200 when not
 * ready because the Arterys SDK's contract says so (ArterysAdapter#healthcheck); every other
 * not-ready route is a non-2xx.
 */
class HealthRoutesTruthTest {
    /** A Java throwable's name, qualified or not, or a stack frame. */
    static final Pattern JAVA_NAMES = Pattern.compile(
            "[a-z]+\\.[a-z.]+\\.[A-Z]\\w*|\\w*Exception\\b|\\w+Error\\b|\\bat [\\w$.]+\\([\\w.]*(:\\d+)?\\)");
    private static final List<String> MODELS = List.of("threshold_seg", "component_detector",
            "intensity_classifier", "prompted_seg", "study_classifier");

    private FakeTriton triton;
    private TestRadgate radgate;

    @BeforeEach
    void start() throws Exception {
        triton = new FakeTriton().start();
        triton.readyModels.addAll(MODELS);
        radgate = TestRadgate.start(triton.target(), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        radgate.close();
        triton.close();
    }

    @Test
    void everyHealthRouteSaysReadyWhenTritonAndItsModelsAre() {
        Map<String, HttpResponse<byte[]>> r = probeAll();
        r.forEach((route, resp) -> assertEquals(200, resp.statusCode(), route + ": " + Http.text(resp)));
        assertEquals("READY", Http.text(r.get("arterys /healthcheck")));
        assertEquals("{\"status\":\"healthy\"}", Http.text(r.get("ctclip /health")));
        assertNoJavaNames(r);
    }

    @Test
    void whenTritonIsNotReadyOnlyLivenessIsOkAndArterysSaysSoInItsBody() {
        triton.serverReady = false;
        Map<String, HttpResponse<byte[]>> r = probeAll();
        assertNotReady(r);
        assertEquals(400, r.get("kserve /v2/health/ready").statusCode(), "as Triton's own REST answers");
        assertEquals(200, r.get("kserve /v2/health/live").statusCode());
        assertTrue(Http.text(r.get("health /health/ready")).contains("Triton is not ready"));
        assertNoJavaNames(r);
    }

    @Test
    void whenTritonIsDownEveryReadinessRouteSaysSoWithoutLeakingItsExceptions() throws Exception {
        triton.close();
        Map<String, HttpResponse<byte[]>> r = probeAll();
        assertNotReady(r);
        assertEquals(503, r.get("kserve /v2/health/ready").statusCode());
        assertEquals(503, r.get("kserve /v2/health/live").statusCode());
        assertEquals("NOT READY: Triton is unreachable", Http.text(r.get("arterys /healthcheck")));
        assertTrue(Http.text(r.get("health /health/ready")).contains("Triton is unreachable"));
        assertNoJavaNames(r);
        // an inference failing for the same reason has no class name in its body either
        HttpResponse<byte[]> infer = Http.postJson(radgate.url("/v2/models/threshold_seg/infer"),
                "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1],\"datatype\":\"UINT8\",\"data\":[7]}]}");
        assertEquals(503, infer.statusCode());
        assertNoJavaNames(Map.of("kserve infer", infer));
    }

    @Test
    void aMissingModelIsNotReadyAndNamedPlainly() {
        triton.readyModels.remove("study_classifier");
        Map<String, HttpResponse<byte[]>> r = probeAll();
        assertEquals(503, r.get("ctclip /health").statusCode());
        assertEquals("{\"status\":\"unhealthy\"}", Http.text(r.get("ctclip /health")));
        assertEquals(200, r.get("arterys /healthcheck").statusCode(), "Arterys uses other models");
        assertEquals("READY", Http.text(r.get("arterys /healthcheck")));
        assertNoJavaNames(r);
    }

    private void assertNotReady(Map<String, HttpResponse<byte[]>> r) {
        assertEquals(200, r.get("health /health/live").statusCode());
        assertEquals(503, r.get("health /health/ready").statusCode());
        HttpResponse<byte[]> arterys = r.get("arterys /healthcheck");
        assertEquals(200, arterys.statusCode(), "the Arterys contract: 200, not-ready is told by the body");
        assertNotEquals("READY", Http.text(arterys));
        assertTrue(Http.text(arterys).startsWith("NOT READY"), Http.text(arterys));
        assertEquals(200, r.get("arterys /ping").statusCode(), "liveness");
        assertEquals(503, r.get("mdai /ready").statusCode());
        assertEquals(200, r.get("mdai /healthz").statusCode(), "liveness");
        assertEquals(503, r.get("ctclip /health").statusCode());
        assertEquals("{\"status\":\"unhealthy\"}", Http.text(r.get("ctclip /health")));
    }

    private Map<String, HttpResponse<byte[]>> probeAll() {
        Map<String, HttpResponse<byte[]>> r = new LinkedHashMap<>();
        get(r, "health", "/health/live");
        get(r, "health", "/health/ready");
        get(r, "kserve", "/v2/health/live");
        get(r, "kserve", "/v2/health/ready");
        get(r, "arterys", "/healthcheck");
        get(r, "arterys", "/ping");
        get(r, "mdai", "/ready");
        get(r, "mdai", "/healthz");
        get(r, "ctclip", "/health");
        return r;
    }

    private void get(Map<String, HttpResponse<byte[]>> into, String adapter, String path) {
        String url = adapter.equals("health") || adapter.equals("kserve") ? radgate.url(path) : radgate.url(adapter, path);
        into.put(adapter + " " + path, Http.get(url));
    }

    static void assertNoJavaNames(Map<String, HttpResponse<byte[]>> responses) {
        responses.forEach((route, resp) -> assertFalse(JAVA_NAMES.matcher(Http.text(resp)).find(),
                route + " answered a body naming Java internals: " + Http.text(resp)));
    }
}
