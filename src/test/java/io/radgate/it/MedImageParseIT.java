package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.config.Setting;
import io.radgate.testing.Http;
import io.radgate.testing.PythonEnv;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MedImageParse {@code POST /score} against a REAL Triton serving prompted_seg, with requests
 * made by src/test/python/mip_client.py exactly as the public clients make them (requests with
 * json=, base64.encodebytes, PIL RGB PNG, prompts joined with " & ").
 */
class MedImageParseIT {
    /** Answers with many masks hold one long string (17 masks: 23 MB of base64). */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).build()).build());
    private static final String KEY = "k1";
    /** Back-mapped masks: every pixel farther than this (original pixels) from the structure's edge must agree. */
    private static final int EDGE_MARGIN = 2;

    private static TritonProcess triton;
    private static TestRadgate radgate;

    @BeforeAll
    static void start() {
        triton = new TritonProcess("mip", "prompted_seg");
        triton.start();
        radgate = TestRadgate.start(triton.grpcTarget(), Map.of(Setting.MEDIMAGEPARSE_KEYS, KEY,
                Setting.LIMITS_MAX_BODY_BYTES, String.valueOf(4 << 20), Setting.MEDIMAGEPARSE_MAX_MASKS, "32",
                Setting.MEDIMAGEPARSE_MAX_PROMPT_CHARS, "4000"));
    }

    @AfterAll
    static void stop() {
        if (radgate != null) {
            radgate.close();
        }
        if (triton != null) {
            triton.stop();
        }
    }

    private static String url() {
        return radgate.url("medimageparse", "/score");
    }

    private static JsonNode client(String scenario) throws Exception {
        return JSON.readTree(PythonEnv.runScript("mip_client.py", url(), KEY, scenario));
    }

    private static void assertRowStructure(JsonNode row, int masks) {
        assertEquals(List.of("image_features", "text_features"), JSON.convertValue(row.get("keys"), List.class));
        assertEquals("str", row.get("image_features_type").asText(), "image_features is a JSON string");
        assertEquals(List.of("data", "dtype", "shape"), JSON.convertValue(row.get("inner_keys"), List.class));
        assertEquals(List.of(masks, 1024, 1024), JSON.convertValue(row.get("shape"), List.class));
        assertEquals("uint8", row.get("dtype").asText());
        assertEquals(masks, row.get("text_features").size());
        List<?> values = JSON.convertValue(row.get("values"), List.class);
        assertTrue(List.of(0, 255).containsAll(values), "mask values are 0 or 255: " + values);
    }

    private static void assertLandsOnStructure(JsonNode mask, int height, int width) {
        assertEquals(List.of(height, width), JSON.convertValue(mask.get("back_shape"), List.class));
        assertEquals(0, mask.get("wrong_far_from_edge").asInt(), mask.toString());
        assertTrue(mask.get("iou").asDouble() >= 0.9, mask.toString());
    }

    @Test
    void nonSquarePngFourPromptsMasksLandOnTheStructureAfterTheClientsInverse() throws Exception {
        JsonNode r = client("geometry");
        assertEquals(200, r.get("status").asInt(), r.toString());
        assertEquals("application/json", r.get("content_type").asText());
        assertTrue(r.get("is_list").asBoolean());
        assertEquals(1, r.get("row_count").asInt());
        JsonNode row = r.get("rows").get(0);
        System.out.println("geometry report: " + r);
        assertRowStructure(row, 4);
        assertEquals(List.of("other lesion", "fluid disturbance", "other lesion", "other organ"),
                JSON.convertValue(row.get("text_features"), List.class));
        // on the 300 x 200 original: mask 0 ("bright") is the rectangle, mask 1 ("dark") its complement,
        // mask 2 ("bright left") empty (the structure is in the right half), mask 3 ("boundary") its outline
        assertLandsOnStructure(row.get("masks").get(0), 200, 300);
        assertEquals(60 * 50, row.get("masks").get(0).get("truth_pixels").asInt());
        assertLandsOnStructure(row.get("masks").get(1), 200, 300);
        assertEquals(0, row.get("masks").get(2).get("found_pixels").asInt(), row.toString());
        JsonNode outline = row.get("masks").get(3);
        assertEquals(0, outline.get("outside_band").asInt(), outline.toString());
        assertTrue(outline.get("edge_covered").asDouble() >= 0.99, outline.toString());
    }

    private static JsonNode stats() throws Exception {
        return JSON.readTree(Http.get(triton.httpUrl("/v2/models/prompted_seg/stats")).body()).get("model_stats").get(0);
    }

    @Test
    void threeRowsGoToTritonAsOneBatchAndEachRowGetsItsOwnMask() throws Exception {
        JsonNode before = stats();
        JsonNode r = client("batch");
        JsonNode after = stats();
        assertEquals(200, r.get("status").asInt(), r.toString());
        assertEquals(3, r.get("row_count").asInt());
        assertEquals(1, after.get("execution_count").asLong() - before.get("execution_count").asLong(),
                "one model execution for the whole request");
        assertEquals(3, after.get("inference_count").asLong() - before.get("inference_count").asLong(),
                "three batch elements");
        int[][] sizes = {{200, 300}, {333, 120}, {1024, 1024}};
        for (int i = 0; i < 3; i++) {
            JsonNode row = r.get("rows").get(i);
            assertRowStructure(row, 1);
            assertLandsOnStructure(row.get("masks").get(0), sizes[i][0], sizes[i][1]);
        }
    }

    @Test
    void morePromptsThanTheModelsMaxBatchAreSplitIntoBatchesOfThatSize() throws Exception {
        // prompted_seg's max_batch_size is 16: 17 masks are two executions (16 + 1)
        String prompts = "bright" + " & dark".repeat(16);
        JsonNode before = stats();
        HttpResponse<byte[]> r = post(body(encodebytes(png(30, 20)), prompts), "Authorization", "Bearer " + KEY);
        JsonNode after = stats();
        assertEquals(200, r.statusCode(), Http.text(r));
        JsonNode row = JSON.readTree(r.body()).get(0);
        JsonNode inner = JSON.readTree(row.get("image_features").asText());
        assertEquals(List.of(17, 1024, 1024), JSON.convertValue(inner.get("shape"), List.class));
        assertEquals(17, row.get("text_features").size());
        assertEquals("other lesion", row.get("text_features").get(0).asText());
        assertEquals("fluid disturbance", row.get("text_features").get(16).asText());
        assertEquals(2, after.get("execution_count").asLong() - before.get("execution_count").asLong());
        assertEquals(17, after.get("inference_count").asLong() - before.get("inference_count").asLong());
    }

    @Test
    void tritonDownIs503WithRetryAfterWithin5Seconds() throws Exception {
        try (TestRadgate down = TestRadgate.start("127.0.0.1:1", Map.of(Setting.MEDIMAGEPARSE_KEYS, KEY))) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = Http.post(down.url("medimageparse", "/score"), "application/json",
                    body(encodebytes(png(10, 10)), "bright").getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + KEY);
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "fails fast");
            assertError(r, 503, "");
            assertEquals("2", r.headers().firstValue("Retry-After").orElse(""));
        }
    }

    // ---- authentication and bad input: a clear 4xx with {"message": ...}, never 500 ----

    private static String encodebytes(byte[] data) {
        String b64 = Base64.getEncoder().encodeToString(data);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b64.length(); i += 76) {
            sb.append(b64, i, Math.min(b64.length(), i + 76)).append('\n');
        }
        return sb.toString();
    }

    private static byte[] png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "png", out);
        return out.toByteArray();
    }

    private static String body(String imageB64, String prompt) {
        return JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("input_data",
                JSON.createObjectNode().putPOJO("columns", List.of("image", "text")).putPOJO("index", List.of(0))
                        .putPOJO("data", List.of(java.util.Arrays.asList(imageB64, prompt)))).toString();
    }

    private static HttpResponse<byte[]> post(String body, String... headers) {
        return Http.post(url(), "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String messagePart) throws Exception {
        assertEquals(status, r.statusCode(), Http.text(r));
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode b = JSON.readTree(r.body());
        assertTrue(b.get("message").asText().contains(messagePart), Http.text(r));
    }

    @Test
    void withoutOrWithAWrongKeyIs401() throws Exception {
        String ok = body(encodebytes(png(10, 10)), "bright");
        assertError(post(ok), 401, "Authorization");
        assertError(post(ok, "Authorization", "Bearer nope"), 401, "invalid endpoint key");
        assertError(post(ok, "Authorization", "Basic k1"), 401, "Authorization");
        assertEquals(200, post(ok, "Authorization", "Bearer " + KEY).statusCode());
    }

    @Test
    void everyBadInputIsADocumented4xx() throws Exception {
        String[] auth = {"Authorization", "Bearer " + KEY};
        String img = encodebytes(png(20, 10));
        assertError(post("not json", auth), 400, "not valid JSON");
        assertError(post("{\"data\": []}", auth), 400, "input_data");
        assertError(post(body(img, null), auth), 400, "row 0 has no text prompt");
        assertError(post(body(null, "bright"), auth), 400, "row 0 has no image");
        assertError(post(body(img, " & "), auth), 400, "empty text prompt");
        assertError(post(body("***", "bright"), auth), 400, "base64");
        assertError(post(body(encodebytes("hello, not an image".getBytes()), "bright"), auth), 415, "row 0");
        byte[] corrupt = png(20, 10);
        java.util.Arrays.fill(corrupt, 40, corrupt.length - 12, (byte) 7);
        assertError(post(body(encodebytes(corrupt), "bright"), auth), 400, "row 0");
        assertError(post(body(encodebytes(png(20000, 1)), "bright"), auth), 413, "largest side");
        assertError(post(body(img, "liver"), auth), 400, "liver");
        assertError(post(body(img, "bright".repeat(1).concat(" & bright".repeat(256))), auth), 413,
                "medimageparse.max-masks");
        assertError(post(body(img, "b".repeat(4001)), auth), 413, "medimageparse.max-prompt-chars");
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < 257; i++) {
            index.append(i == 0 ? "" : ",").append(i);
        }
        assertError(post("{\"input_data\":{\"columns\":[\"image\",\"text\"],\"index\":[" + index
                + "],\"data\":[[\"" + img.replace("\n", "\\n") + "\",\"bright\"]]}}", auth), 400, "at most 256");
        assertError(post("{\"input_data\":{\"columns\":[\"image\",\"text\"],\"data\":[[\"" + "A".repeat(5 << 20)
                + "\",\"bright\"]]}}", auth), 413, "limit");
        HttpResponse<byte[]> get = Http.get(url());
        assertEquals(405, get.statusCode());
    }
}
