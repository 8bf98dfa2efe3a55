package io.radgate.protocol.medimageparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScoreCodecTest {

    /** Python's base64.encodebytes: lines of 76 characters, each ending in '\n' (the last too). */
    static String encodebytes(byte[] data) {
        String b64 = Base64.getEncoder().encodeToString(data);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b64.length(); i += 76) {
            sb.append(b64, i, Math.min(b64.length(), i + 76)).append('\n');
        }
        return sb.toString();
    }

    private static byte[] body(JsonArray data, JsonArray index) {
        JsonObject input = new JsonObject().put("columns", new JsonArray().add("image").add("text")).put("data", data);
        if (index != null) {
            input.put("index", index);
        }
        return new JsonObject().put("input_data", input).put("params", new JsonObject()).encode()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RadgateException bad(byte[] body) {
        RadgateException e = assertThrows(RadgateException.class, () -> ScoreRequest.parse(body));
        assertEquals(ErrorKind.BAD_INPUT, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void base64WithMimeLineBreaksDecodesToTheExactBytes() {
        byte[] png = new byte[1000];
        new Random(7).nextBytes(png);
        String wrapped = encodebytes(png);
        assertTrue(wrapped.contains("\n") && wrapped.endsWith("\n"));
        byte[] body = body(new JsonArray().add(new JsonArray().add(wrapped).add("bright")), new JsonArray().add(0));
        // the JSON text carries the line breaks as \n escapes, as requests' json= writes them
        assertTrue(new String(body, StandardCharsets.UTF_8).contains("\\n"));
        assertArrayEquals(png, ScoreRequest.parse(body).rows().get(0).image());
        // plain b64encode (the batch-endpoint notebook) works too
        byte[] plain = body(new JsonArray().add(new JsonArray().add(Base64.getEncoder().encodeToString(png)).add("x")),
                null);
        assertArrayEquals(png, ScoreRequest.parse(plain).rows().get(0).image());
    }

    @Test
    void promptsSplitOnAmpersandTrimmedEmptyPiecesDropped() {
        assertEquals(List.of("liver", "pancreas tumor"), ScoreRequest.prompts(" liver &pancreas tumor & ", 0));
        assertEquals(List.of("bright"), ScoreRequest.prompts("bright", 0));
        assertEquals(ErrorKind.BAD_INPUT, assertThrows(RadgateException.class,
                () -> ScoreRequest.prompts(" & ", 3)).kind());
    }

    @Test
    void columnsAreFoundByNameAndRowsKeepTheirOrder() {
        JsonObject input = new JsonObject().put("columns", new JsonArray().add("text").add("image"))
                .put("index", new JsonArray().add(0).add(1))
                .put("data", new JsonArray().add(new JsonArray().add("a & b").add(encodebytes(new byte[] {1})))
                        .add(new JsonArray().add("c").add(encodebytes(new byte[] {2}))));
        ScoreRequest r = ScoreRequest.parse(new JsonObject().put("input_data", input).encode().getBytes());
        assertEquals(2, r.rows().size());
        assertEquals(List.of("a", "b"), r.rows().get(0).prompts());
        assertArrayEquals(new byte[] {2}, r.rows().get(1).image());
    }

    @Test
    void indexOfAtMost256Entries() {
        JsonArray data = new JsonArray();
        JsonArray index = new JsonArray();
        for (int i = 0; i < 256; i++) {
            data.add(new JsonArray().add(encodebytes(new byte[] {(byte) i})).add("bright"));
            index.add(i);
        }
        assertEquals(256, ScoreRequest.parse(body(data, index)).rows().size());
        data.add(new JsonArray().add(encodebytes(new byte[] {1})).add("bright"));
        index.add(256);
        assertTrue(bad(body(data, index)).getMessage().contains("at most 256"));
        assertTrue(bad(body(data, null)).getMessage().contains("at most 256"));
    }

    @Test
    void badBodiesAreBadInputNamingTheProblem() {
        String img = encodebytes(new byte[] {1, 2, 3});
        assertTrue(bad("not json".getBytes()).getMessage().contains("not valid JSON"));
        assertTrue(bad("[1]".getBytes()).getMessage().contains("JSON object"));
        assertTrue(bad("{}".getBytes()).getMessage().contains("input_data"));
        assertTrue(bad("{\"input_data\":{\"columns\":[\"image\"],\"data\":[]}}".getBytes()).getMessage()
                .contains("\"text\""));
        assertTrue(bad(body(new JsonArray(), null)).getMessage().contains("no rows"));
        // zip_longest: a missing prompt or image is null
        assertTrue(bad(body(new JsonArray().add(new JsonArray().add(img).addNull()), null)).getMessage()
                .contains("row 0 has no text prompt"));
        assertTrue(bad(body(new JsonArray().add(new JsonArray().add(img).add("a")).add(new JsonArray().addNull()
                .add("b")), null)).getMessage().contains("row 1 has no image"));
        assertTrue(bad(body(new JsonArray().add(new JsonArray().add(img)), null)).getMessage().contains("1 values"));
        assertTrue(bad(body(new JsonArray().add("x"), null)).getMessage().contains("not a list"));
        assertTrue(bad(body(new JsonArray().add(new JsonArray().add("@@@=").add("a")), null)).getMessage()
                .contains("base64"));
        assertTrue(bad(body(new JsonArray().add(new JsonArray().add(img).add("a")),
                new JsonArray().add(0).add(1))).getMessage().contains("2 entries but data has 1"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void responseIsAListWithStringEncodedImageFeatures(int prompts) {
        int size = 4;
        List<byte[]> masks = new java.util.ArrayList<>();
        List<String> cats = new java.util.ArrayList<>();
        for (int p = 0; p < prompts; p++) {
            byte[] m = new byte[size * size];
            m[p] = (byte) 255;
            masks.add(m);
            cats.add("other lesion");
        }
        String json = ScoreResponse.render(List.of(new ScoreResponse.RowResult(size, masks, cats),
                new ScoreResponse.RowResult(size, masks, cats)));
        JsonArray out = new JsonArray(json);
        assertEquals(2, out.size());
        JsonObject row = out.getJsonObject(0);
        assertEquals(java.util.Set.of("image_features", "text_features"), row.fieldNames());
        assertEquals(cats, row.getJsonArray("text_features").getList());
        Object f = row.getValue("image_features");
        assertTrue(f instanceof String, "image_features must be a JSON string");
        String text = (String) f;
        assertTrue(text.startsWith("{\"data\": \"") && text.endsWith(", \"shape\": [" + prompts + ", 4, 4], "
                + "\"dtype\": \"uint8\"}"), text);
        JsonObject inner = new JsonObject(text);
        assertEquals(List.of(prompts, size, size), inner.getJsonArray("shape").getList());
        assertEquals("uint8", inner.getString("dtype"));
        byte[] raw = Base64.getDecoder().decode(inner.getString("data"));
        assertEquals(prompts * size * size, raw.length);
        for (int p = 0; p < prompts; p++) {
            for (int i = 0; i < size * size; i++) {
                assertEquals(i == p ? (byte) 255 : 0, raw[p * size * size + i], "mask " + p + " pixel " + i);
            }
        }
        // the outer text escapes the inner quotes: a JSON string, not a nested object
        assertTrue(json.startsWith("[{\"image_features\":\"{\\\"data\\\": \\\""), json.substring(0, 40));
    }

    @Test
    void renderThresholdsProbabilitiesAt128To0Or255() {
        byte[] probs = {0, 127, (byte) 128, (byte) 200, (byte) 255};
        String json = MedImageParseAdapter.render(List.of(new io.radgate.core.PromptedSegmentation.RowMasks(1,
                List.of(new byte[] {probs[1]}, new byte[] {probs[2]}), List.of("", "tumor"))));
        JsonObject row = new JsonArray(json).getJsonObject(0);
        JsonObject inner = new JsonObject(row.getString("image_features"));
        assertArrayEquals(new byte[] {0, (byte) 255}, Base64.getDecoder().decode(inner.getString("data")));
        assertEquals(List.of("other", "tumor"), row.getJsonArray("text_features").getList());
    }

    @Test
    void bearerKeys() {
        BearerKeys k = new BearerKeys(true, List.of("k1", "k2"));
        k.check("Bearer k2");
        k.check("bearer k1");
        for (String h : new String[] {null, "", "k1", "Bearer k3", "Basic k1", "Bearer "}) {
            assertEquals(ErrorKind.UNAUTHENTICATED, assertThrows(RadgateException.class, () -> k.check(h)).kind(), h);
        }
        assertEquals(ErrorKind.UNAUTHENTICATED, assertThrows(RadgateException.class,
                () -> new BearerKeys(true, List.of()).check("Bearer x")).kind());
        new BearerKeys(false, List.of()).check(null);
    }

    @Test
    void imagesLargerThanJacksonsDefaultStringLimitAreRead() {
        byte[] big = new byte[18 << 20]; // 24 MiB of base64, over Jackson's 20 MB default
        big[big.length - 1] = 9;
        byte[] body = body(new JsonArray().add(new JsonArray().add(encodebytes(big)).add("bright")), null);
        assertArrayEquals(big, ScoreRequest.parse(body).rows().get(0).image());
    }
}
