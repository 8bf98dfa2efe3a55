package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.testing.Http;
import io.radgate.testing.Images;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KServe v2 REST through radgate answers exactly as the REAL Triton does directly. */
class KserveRestIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] MODELS = {"threshold_seg", "component_detector", "intensity_classifier"};
    private static TritonProcess triton;
    private static TestRadgate radgate;

    @BeforeAll
    static void start() {
        triton = TritonProcess.shared();
        radgate = TestRadgate.start(triton.grpcTarget());
    }

    @AfterAll
    static void stop() {
        radgate.close();
    }

    static String jsonInfer(byte[] pixels, int h, int w, String params, String outputs) {
        StringBuilder sb = new StringBuilder("{\"id\":\"it-1\",\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,")
                .append(h).append(',').append(w).append("],\"datatype\":\"UINT8\",\"data\":[");
        for (int i = 0; i < pixels.length; i++) {
            sb.append(i == 0 ? "" : ",").append(pixels[i] & 0xFF);
        }
        sb.append("]}");
        if (params != null) {
            sb.append(",{\"name\":\"INPUT_JSON_PARAMS\",\"shape\":[1,1],\"datatype\":\"BYTES\",\"data\":[")
                    .append(quote(params)).append("]}");
        }
        sb.append("]");
        if (outputs != null) {
            sb.append(",\"outputs\":").append(outputs);
        }
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        return JSON.getNodeFactory().textNode(s).toString();
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void jsonInferThroughRadgateEqualsDirect() throws Exception {
        String body = jsonInfer(Images.phantom512(), 512, 512, "{\"threshold\": 0.5}", null);
        HttpResponse<byte[]> direct = Http.postJson(triton.httpUrl("/v2/models/threshold_seg/infer"), body);
        HttpResponse<byte[]> via = Http.postJson(radgate.url("/v2/models/threshold_seg/infer"), body);
        assertEquals(200, direct.statusCode(), Http.text(direct));
        assertEquals(200, via.statusCode(), Http.text(via));
        assertEquals(json(direct), json(via));
        assertEquals("it-1", json(via).get("id").asText());
    }

    @Test
    void binaryInferThroughRadgateEqualsDirectByteForByte() throws Exception {
        String header = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,512,512],\"datatype\":\"UINT8\","
                + "\"parameters\":{\"binary_data_size\":262144}}],"
                + "\"outputs\":[{\"name\":\"MASK\",\"parameters\":{\"binary_data\":true}}]}";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(header.getBytes(StandardCharsets.UTF_8));
        body.write(Images.phantom512());
        String len = String.valueOf(header.getBytes(StandardCharsets.UTF_8).length);
        HttpResponse<byte[]> direct = Http.post(triton.httpUrl("/v2/models/threshold_seg/infer"),
                "application/octet-stream", body.toByteArray(), "Inference-Header-Content-Length", len);
        HttpResponse<byte[]> via = Http.post(radgate.url("/v2/models/threshold_seg/infer"),
                "application/octet-stream", body.toByteArray(), "Inference-Header-Content-Length", len);
        assertEquals(200, via.statusCode(), Http.text(via));
        assertArrayEquals(direct.body(), via.body());
        assertEquals(direct.headers().firstValue("Inference-Header-Content-Length"),
                via.headers().firstValue("Inference-Header-Content-Length"));
        assertEquals("application/octet-stream", via.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void segmentationAnswerIsComputedFromThePixels() throws Exception {
        String body = jsonInfer(Images.phantom512(), 512, 512, "{\"threshold\": 0.5}", null);
        JsonNode out = json(Http.postJson(radgate.url("/v2/models/threshold_seg/infer"), body)).get("outputs").get(0);
        assertEquals("[1,512,512]", out.get("shape").toString());
        int inside = 0;
        int outside = 0;
        JsonNode data = out.get("data");
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).asInt() >= 128) {
                int r = i / 512;
                int c = i % 512;
                if (r >= 60 && r < 140 && c >= 300 && c < 460) {
                    inside++;
                } else {
                    outside++;
                }
            }
        }
        // threshold 0.5 on a 3x3 mean: the rectangle exactly, minus its 4 corner pixels.
        assertEquals(80 * 160 - 4, inside);
        assertEquals(0, outside);
    }

    @Test
    void detectorBoxesLandOnTheRectangles() throws Exception {
        byte[] px = Images.rectangle(300, 400, 10, 20, 30, 50);
        byte[] second = Images.rectangle(300, 400, 100, 160, 200, 210);
        for (int i = 0; i < px.length; i++) {
            px[i] |= second[i];
        }
        JsonNode resp = json(Http.postJson(radgate.url("/v2/models/component_detector/infer"),
                jsonInfer(px, 300, 400, null, null)));
        JsonNode boxes = null;
        for (JsonNode o : resp.get("outputs")) {
            if (o.get("name").asText().equals("BOXES")) {
                boxes = o.get("data");
            }
        }
        assertEquals("[200.0,100.0,209.0,159.0,30.0,10.0,49.0,19.0]", boxes.toString());
    }

    @Test
    void metadataAndConfigEqualTritonsOwn() throws Exception {
        assertEquals(json(Http.get(triton.httpUrl("/v2"))), json(Http.get(radgate.url("/v2"))));
        for (String m : MODELS) {
            for (String suffix : new String[] {"", "/config", "/versions/1", "/versions/1/config"}) {
                HttpResponse<byte[]> direct = Http.get(triton.httpUrl("/v2/models/" + m + suffix));
                HttpResponse<byte[]> via = Http.get(radgate.url("/v2/models/" + m + suffix));
                assertEquals(200, via.statusCode(), m + suffix + ": " + Http.text(via));
                assertEquals(json(direct), json(via), m + suffix);
            }
            assertEquals(200, Http.get(radgate.url("/v2/models/" + m + "/ready")).statusCode());
        }
        assertEquals(200, Http.get(radgate.url("/v2/health/ready")).statusCode());
        assertEquals(200, Http.get(radgate.url("/v2/health/live")).statusCode());
    }

    @Test
    void classificationExtensionEqualsDirect() throws Exception {
        String body = jsonInfer(Images.phantom512(), 512, 512, null,
                "[{\"name\":\"SCORES\",\"parameters\":{\"classification\":2}}]");
        HttpResponse<byte[]> direct = Http.postJson(triton.httpUrl("/v2/models/intensity_classifier/infer"), body);
        HttpResponse<byte[]> via = Http.postJson(radgate.url("/v2/models/intensity_classifier/infer"), body);
        assertEquals(200, via.statusCode(), Http.text(via));
        assertEquals(json(direct), json(via));
        assertEquals("BYTES", json(via).get("outputs").get(0).get("datatype").asText());
    }

    /** One request sent to Triton's REST API directly and to radgate's. */
    private record Case(String what, String method, String path, String body) {
        HttpResponse<byte[]> send(java.util.function.Function<String, String> base) {
            return method.equals("GET") ? Http.get(base.apply(path)) : Http.postJson(base.apply(path), body);
        }
    }

    private static final String TINY = jsonInfer(new byte[4], 2, 2, null, null);

    private static Case post(String what, String path, String body) {
        return new Case(what, "POST", path, body);
    }

    private static Case get(String what, String path) {
        return new Case(what, "GET", path, null);
    }

    /**
     * The error answers tritonclient users see: status, body and Content-Type exactly as Triton
     * 2.51's own REST API answers them (Triton answers text/plain or application/json depending
     * on where it found the problem; radgate mirrors both).
     */
    @Test
    void errorsAreTritonsOwnStatusBodyAndContentType() throws Exception {
        String infer = "/v2/models/threshold_seg/infer";
        List<Case> cases = List.of(
                post("unknown model", "/v2/models/no_such_model/infer", TINY),
                post("unknown version", "/v2/models/threshold_seg/versions/7/infer", TINY),
                post("version that is not a number", "/v2/models/threshold_seg/versions/abc/infer", TINY),
                post("wrong datatype", infer,
                        "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}"),
                post("wrong shape", infer,
                        "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[2,2],\"datatype\":\"UINT8\",\"data\":[1,2,3,4]}]}"),
                post("unknown input", infer,
                        "{\"inputs\":[{\"name\":\"NOPE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\",\"data\":[1,2,3,4]}]}"),
                post("input given twice", infer,
                        "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\",\"data\":[1,2,3,4]},"
                                + "{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\",\"data\":[1,2,3,4]}]}"),
                post("unknown output", infer, jsonInfer(new byte[4], 2, 2, null, "[{\"name\":\"NOPE\"}]")),
                post("missing input (the model says so)", infer,
                        "{\"inputs\":[{\"name\":\"INPUT_JSON_PARAMS\",\"shape\":[1,1],\"datatype\":\"BYTES\","
                                + "\"data\":[\"{}\"]}]}"),
                post("parameter out of range (the model says so)", infer,
                        jsonInfer(new byte[4], 2, 2, "{\"threshold\": 7}", null)),
                get("metadata of an unknown model", "/v2/models/no_such_model"),
                get("config of an unknown model", "/v2/models/no_such_model/config"),
                get("ready of an unknown model", "/v2/models/no_such_model/ready"),
                get("metadata of an unknown version", "/v2/models/threshold_seg/versions/7"),
                get("ready of an unknown version", "/v2/models/threshold_seg/versions/7/ready"),
                get("config of an unknown version", "/v2/models/threshold_seg/versions/7/config"),
                get("metadata of a version that is not a number", "/v2/models/threshold_seg/versions/abc"),
                get("statistics of an unknown model", "/v2/models/no_such_model/stats"),
                get("a path Triton does not serve", "/v2/nothing"));
        for (Case c : cases) {
            assertSameAnswer(c);
        }
    }

    /** A model Triton knows but has not loaded: Triton's "no available versions" and "not ready". */
    @Test
    void modelNotLoadedAnswersAsTritonDoes() throws Exception {
        String model = "study_classifier";
        String body = "{\"inputs\":[{\"name\":\"VOLUME\",\"shape\":[2,1,1],\"datatype\":\"UINT8\",\"data\":[1,2]}]}";
        assertEquals(200, Http.post(triton.httpUrl("/v2/repository/models/" + model + "/unload"), "application/json",
                new byte[0]).statusCode());
        try {
            for (int i = 0; i < 100 && Http.get(triton.httpUrl("/v2/models/" + model + "/ready")).statusCode() == 200; i++) {
                Thread.sleep(100);
            }
            assertSameAnswer(post("infer, model not loaded", "/v2/models/" + model + "/infer", body));
            assertSameAnswer(get("ready, model not loaded", "/v2/models/" + model + "/ready"));
            assertSameAnswer(get("metadata, model not loaded", "/v2/models/" + model));
        } finally {
            assertEquals(200, Http.post(triton.httpUrl("/v2/repository/models/" + model + "/load"), "application/json",
                    new byte[0]).statusCode());
        }
    }

    /**
     * Where Triton's REST answers 500 for a request body it cannot read, radgate answers 400
     * (docs/ARCHITECTURE.md: bad input is never a 5xx), still {"error": ...} as JSON, with
     * radgate's own message naming the problem.
     */
    @Test
    void unreadableBodiesAre400WhereTritonSays500() throws Exception {
        String infer = "/v2/models/threshold_seg/infer";
        List<Case> cases = List.of(
                post("not JSON", infer, "this is not json"),
                post("inputs not an array", infer, "{\"inputs\": 5}"),
                post("no inputs", infer, "{}"),
                post("data does not fit the shape", infer,
                        "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\",\"data\":[1,2,3]}]}"));
        for (Case c : cases) {
            HttpResponse<byte[]> direct = c.send(triton::httpUrl);
            HttpResponse<byte[]> via = c.send(radgate::url);
            assertEquals(500, direct.statusCode(), c.what() + ": Triton " + Http.text(direct));
            assertEquals(400, via.statusCode(), c.what() + ": radgate " + Http.text(via));
            assertEquals("application/json", contentType(via), c.what());
            assertTrue(json(via).get("error").asText().length() > 0, c.what());
        }
    }

    /**
     * Bodies radgate's own REST parser rejects before anything reaches Triton: Triton's status
     * (400) and Content-Type (application/json), radgate's own message naming the problem.
     */
    @Test
    void requestsRadgateParsesItselfGetTritonsStatusAndContentType() throws Exception {
        String infer = "/v2/models/threshold_seg/infer";
        List<Case> cases = List.of(
                post("unknown datatype", infer,
                        "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"NOTATYPE\",\"data\":[1,2,3,4]}]}"),
                post("input without data", infer,
                        "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\"}]}"));
        for (Case c : cases) {
            HttpResponse<byte[]> direct = c.send(triton::httpUrl);
            HttpResponse<byte[]> via = c.send(radgate::url);
            assertEquals(direct.statusCode(), via.statusCode(), c.what() + ": " + Http.text(via));
            assertEquals(contentType(direct), contentType(via), c.what());
            assertTrue(json(via).get("error").asText().contains("IMAGE"), c.what() + ": " + Http.text(via));
        }
    }

    private static void assertSameAnswer(Case c) throws Exception {
        HttpResponse<byte[]> direct = c.send(triton::httpUrl);
        HttpResponse<byte[]> via = c.send(radgate::url);
        String both = c.what() + ":\n  Triton  " + direct.statusCode() + " " + contentType(direct) + " " + Http.text(direct)
                + "\n  radgate " + via.statusCode() + " " + contentType(via) + " " + Http.text(via);
        assertTrue(direct.statusCode() >= 400, both);
        assertEquals(direct.statusCode(), via.statusCode(), both);
        assertEquals(contentType(direct), contentType(via), both);
        assertEquals(json(direct), json(via), both);
        assertEquals(Http.text(direct), Http.text(via), both);
    }

    private static String contentType(HttpResponse<byte[]> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void statisticsAndRepositoryIndexHaveTritonsShape() throws Exception {
        JsonNode stats = json(Http.get(radgate.url("/v2/models/threshold_seg/stats")));
        assertTrue(stats.get("model_stats").get(0).get("inference_count").isIntegralNumber(), stats.toString());
        JsonNode index = json(Http.post(radgate.url("/v2/repository/index"), "application/json", new byte[0]));
        JsonNode directIndex = json(Http.post(triton.httpUrl("/v2/repository/index"), "application/json", new byte[0]));
        assertEquals(directIndex, index);
        assertTrue(Arrays.stream(MODELS).allMatch(m -> index.toString().contains("\"" + m + "\"")));
    }
}
