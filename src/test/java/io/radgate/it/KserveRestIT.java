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

    @Test
    void errorsMirrorTritonsStatusAndMessage() throws Exception {
        String[][] cases = {
            {"/v2/models/no_such_model/infer", jsonInfer(new byte[4], 2, 2, null, null)},
            {"/v2/models/threshold_seg/infer",
                "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[2,2],\"datatype\":\"UINT8\",\"data\":[1,2,3,4]}]}"},
            {"/v2/models/threshold_seg/infer",
                "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}"},
            {"/v2/models/threshold_seg/infer", jsonInfer(new byte[4], 2, 2, "{\"threshold\": 7}", null)},
        };
        for (String[] c : cases) {
            HttpResponse<byte[]> direct = Http.postJson(triton.httpUrl(c[0]), c[1]);
            HttpResponse<byte[]> via = Http.postJson(radgate.url(c[0]), c[1]);
            assertEquals(direct.statusCode(), via.statusCode(), c[1] + " -> " + Http.text(via));
            String tritonMessage = json(direct).get("error").asText().replaceFirst("^\\[request id: [^]]*\\] ", "");
            assertTrue(json(via).get("error").asText().contains(tritonMessage.trim()),
                    Http.text(via) + " should carry " + tritonMessage);
        }
        assertEquals(404, Http.get(radgate.url("/v2/models/no_such_model")).statusCode());
        assertEquals(Http.get(triton.httpUrl("/v2/models/no_such_model/config")).statusCode(),
                Http.get(radgate.url("/v2/models/no_such_model/config")).statusCode());
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
