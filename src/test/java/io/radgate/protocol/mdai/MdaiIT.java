package io.radgate.protocol.mdai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radgate.config.Setting;
import io.radgate.testing.Http;
import io.radgate.testing.PythonEnv;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MD.ai's interface against the REAL Triton: requests built by MD.ai's client libraries
 * (Python msgpack + requests, byte-for-byte as dev/inference.py), phantoms made by the test
 * (pydicom), outputs checked against MD.ai's validator rules with exact Python types, and the
 * geometry: every mask, outline, box and point lands on the rectangle of ITS instance.
 */
class MdaiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TritonProcess triton;
    private static Path dir;
    private static JsonNode phantoms;

    @BeforeAll
    static void setUp() throws IOException {
        triton = TritonProcess.shared();
        dir = Files.createTempDirectory("mdai-it");
        PythonEnv.runScript("mdai_client.py", "phantoms", dir.toString());
        phantoms = JSON.readTree(dir.resolve("phantoms.json").toFile());
    }

    private static void with(Map<Setting, String> settings, Consumer<TestRadgate> test) {
        Map<Setting, String> s = new EnumMap<>(Setting.class);
        s.putAll(settings);
        try (TestRadgate r = TestRadgate.start(triton.grpcTarget(), s)) {
            test.accept(r);
        }
    }

    private static ObjectNode file(String name) {
        ObjectNode f = JSON.createObjectNode().put("path", dir.resolve(name).toString());
        return f.put("content_type", name.endsWith(".png") ? "image/png" : "application/dicom");
    }

    /** Sends with the Python client; returns its report. */
    private static JsonNode send(TestRadgate r, ObjectNode spec) {
        try {
            String out = PythonEnv.runScript("mdai_client.py", "send", r.url("mdai", "/inference"), spec.toString());
            return JSON.readTree(out.strip().lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode spec(String... files) {
        ObjectNode spec = JSON.createObjectNode();
        ArrayNode list = spec.putArray("files");
        for (String f : files) {
            list.add(file(f));
        }
        return spec;
    }

    private static void assertOk(JsonNode report, int outputs) {
        assertEquals(200, report.get("status").asInt(), report.toString());
        assertEquals("application/msgpack", report.get("content_type").asText());
        assertEquals("ok", report.get("validator").asText(), report.toString());
        assertEquals(outputs, report.get("outputs").size(), report.get("outputs").toString());
    }

    private static void assertAnnotationTypes(JsonNode types, String dataKind) {
        assertEquals("str", types.get("type").asText());
        assertEquals("str", types.get("study_uid").asText());
        assertEquals("str", types.get("series_uid").asText());
        assertEquals("str", types.get("instance_uid").asText());
        assertEquals("NoneType", types.get("frame_number").asText());
        assertEquals("int", types.get("class_index").asText());
        assertEquals("float", types.get("probability").asText());
        assertEquals("dict", types.get("data").asText());
        Set<String> keys = new HashSet<>();
        types.fieldNames().forEachRemaining(keys::add);
        Set<String> expected = new HashSet<>(Set.of("type", "study_uid", "series_uid", "instance_uid", "frame_number",
                "class_index", "probability", "data"));
        types.fieldNames().forEachRemaining(k -> {
            if (k.startsWith("data.")) {
                expected.add(k);
            }
        });
        assertEquals(expected, keys);
        switch (dataKind) {
            case "mask" -> {
                assertEquals("list", types.get("data.mask").asText());
                assertEquals("int", types.get("data.mask.value").asText());
                assertEquals("[\"int\"]", types.get("data.mask.values").toString());
            }
            case "vertices" -> assertEquals("[\"int\",\"int\"]", types.get("data.vertex").toString());
            case "box" -> {
                for (String k : List.of("x", "y", "width", "height")) {
                    assertEquals("int", types.get("data." + k).asText(), k);
                }
            }
            default -> {
                assertEquals("int", types.get("data.x").asText());
                assertEquals("int", types.get("data.y").asText());
            }
        }
    }

    private static void assertUids(JsonNode output, String phantom) {
        JsonNode p = phantoms.get(phantom);
        assertEquals(p.get("study").asText(), output.get("study_uid").asText());
        assertEquals(p.get("series").asText(), output.get("series_uid").asText());
        assertEquals(p.get("instance").asText(), output.get("instance_uid").asText());
    }

    private static int[] rect(String phantom) {
        JsonNode r = phantoms.get(phantom).get("rect");
        return new int[] {r.get(0).asInt(), r.get(1).asInt(), r.get(2).asInt(), r.get(3).asInt()};
    }

    @Test
    void devClientRequestGivesOneMaskPerInstanceExactlyOnItsRectangle() {
        with(Map.of(Setting.MDAI_OUTPUT, "mask"), r -> {
            JsonNode report = send(r, spec("a.dcm", "b.dcm"));
            // dev/inference.py: map of 3, "files", an array of 2, a map of 2, "content" as bin 32
            assertTrue(report.get("request_head").asText().startsWith("83a566696c65739282a7636f6e74656e74c6"),
                    report.get("request_head").asText());
            assertOk(report, 2);
            assertTrue(report.get("float64").asBoolean());
            String[] names = {"a.dcm", "b.dcm"};
            for (int i = 0; i < 2; i++) {
                JsonNode o = report.get("outputs").get(i);
                assertAnnotationTypes(report.get("types").get(i), "mask");
                assertEquals("ANNOTATION", o.get("type").asText());
                assertUids(o, names[i]);
                assertEquals(0, o.get("class_index").asInt());
                assertTrue(o.get("probability").asDouble() > 0.5 && o.get("probability").asDouble() <= 1);
                JsonNode mask = o.get("data").get("mask");
                JsonNode p = phantoms.get(names[i]);
                assertEquals(p.get("rows").asInt(), mask.size());
                int[] rect = rect(names[i]);
                for (int y = 0; y < mask.size(); y++) {
                    assertEquals(p.get("cols").asInt(), mask.get(y).size());
                    for (int x = 0; x < mask.get(y).size(); x++) {
                        int expected = x >= rect[0] && x <= rect[2] && y >= rect[1] && y <= rect[3] ? 1 : 0;
                        assertEquals(expected, mask.get(y).get(x).asInt(), names[i] + " at x=" + x + " y=" + y);
                    }
                }
            }
        });
    }

    @Test
    void verticesOutlineTheRectangle() {
        with(Map.of(Setting.MDAI_OUTPUT, "vertices"), r -> {
            JsonNode report = send(r, spec("b.dcm", "a.dcm"));
            assertOk(report, 2);
            String[] names = {"b.dcm", "a.dcm"};
            for (int i = 0; i < 2; i++) {
                JsonNode o = report.get("outputs").get(i);
                assertAnnotationTypes(report.get("types").get(i), "vertices");
                assertUids(o, names[i]);
                int[] rc = rect(names[i]);
                Set<List<Integer>> corners = Set.of(List.of(rc[0], rc[1]), List.of(rc[2], rc[1]),
                        List.of(rc[2], rc[3]), List.of(rc[0], rc[3]));
                Set<List<Integer>> got = new HashSet<>();
                o.get("data").get("vertices").forEach(v -> got.add(List.of(v.get(0).asInt(), v.get(1).asInt())));
                assertEquals(corners, got, o.get("data").toString());
            }
        });
    }

    @Test
    void boxesAndPointsLandOnTheRectangleOfTheirInstance() {
        with(Map.of(Setting.MDAI_OUTPUT, "box"), r -> {
            JsonNode report = send(r, spec("a.dcm", "b.dcm"));
            assertOk(report, 2);
            String[] names = {"a.dcm", "b.dcm"};
            for (int i = 0; i < 2; i++) {
                assertAnnotationTypes(report.get("types").get(i), "box");
                JsonNode o = report.get("outputs").get(i);
                assertUids(o, names[i]);
                int[] rc = rect(names[i]);
                JsonNode d = o.get("data");
                assertEquals(List.of(rc[0], rc[1], rc[2] - rc[0] + 1, rc[3] - rc[1] + 1), List.of(d.get("x").asInt(),
                        d.get("y").asInt(), d.get("width").asInt(), d.get("height").asInt()));
            }
        });
        with(Map.of(Setting.MDAI_OUTPUT, "point"), r -> {
            JsonNode report = send(r, spec("a.dcm"));
            assertOk(report, 1);
            assertAnnotationTypes(report.get("types").get(0), "point");
            JsonNode d = report.get("outputs").get(0).get("data");
            int[] rc = rect("a.dcm");
            int x = d.get("x").asInt();
            int y = d.get("y").asInt();
            assertTrue(Math.abs(x - (rc[0] + rc[2]) / 2.0) <= 1 && Math.abs(y - (rc[1] + rc[3]) / 2.0) <= 1, d.toString());
        });
    }

    @Test
    void pngThumbnailTakesItsUidsFromDicomTags() {
        with(Map.of(Setting.MDAI_OUTPUT, "box"), r -> {
            ObjectNode spec = spec();
            ObjectNode f = file("c.png").put("content_type", "application/jpeg");
            f.putObject("dicom_tags").put("StudyInstanceUID", "1.2.3").put("SeriesInstanceUID", "1.2.3.4")
                    .put("SOPInstanceUID", "1.2.3.4.5");
            ((ArrayNode) spec.get("files")).add(f);
            JsonNode report = send(r, spec);
            assertOk(report, 1);
            JsonNode o = report.get("outputs").get(0);
            assertEquals("1.2.3.4.5", o.get("instance_uid").asText());
            JsonNode d = o.get("data");
            assertEquals("{\"x\":10,\"y\":60,\"width\":20,\"height\":20}", d.toString());
        });
    }

    @Test
    void nothingFoundIsNoneWithTheUidsOfTheScope() {
        with(Map.of(Setting.MDAI_OUTPUT, "mask"), r -> {
            JsonNode report = send(r, spec("blank.dcm"));
            assertOk(report, 1);
            JsonNode o = report.get("outputs").get(0);
            assertEquals("NONE", o.get("type").asText());
            assertUids(o, "blank.dcm");
            assertEquals(Set.of("type", "study_uid", "series_uid", "instance_uid"), fields(o));
        });
        with(Map.of(Setting.MDAI_OUTPUT, "box", Setting.MDAI_SCOPE, "SERIES"), r -> {
            JsonNode report = send(r, spec("a.dcm", "blank.dcm"));
            assertOk(report, 2);
            assertEquals("ANNOTATION", report.get("outputs").get(0).get("type").asText());
            JsonNode none = report.get("outputs").get(1);
            assertEquals("NONE", none.get("type").asText());
            assertEquals(Set.of("type", "study_uid", "series_uid"), fields(none));
            assertEquals(phantoms.get("blank.dcm").get("series").asText(), none.get("series_uid").asText());
        });
        with(Map.of(Setting.MDAI_OUTPUT, "box", Setting.MDAI_SCOPE, "STUDY"), r -> {
            JsonNode report = send(r, spec("a.dcm", "blank.dcm", "b.dcm"));
            assertOk(report, 2); // the study has findings: no NONE; each box names its own instance
            assertUids(report.get("outputs").get(0), "a.dcm");
            assertUids(report.get("outputs").get(1), "b.dcm");
        });
    }

    @Test
    void argsReachTheModel() {
        with(Map.of(Setting.MDAI_OUTPUT, "mask"), r -> {
            ObjectNode spec = spec("a.dcm");
            spec.putObject("args").put("threshold", 0.9); // above the rectangle's display value (~0.67)
            JsonNode report = send(r, spec);
            assertOk(report, 1);
            assertEquals("NONE", report.get("outputs").get(0).get("type").asText());
        });
    }

    @Test
    void classificationMapsModelLabelsThroughLabelClasses() {
        with(Map.of(Setting.MDAI_OUTPUT, "classification", Setting.MDAI_MODEL, "intensity_classifier"), r -> {
            ObjectNode spec = spec("a.dcm");
            ArrayNode lc = spec.putArray("label_classes");
            String[] labels = {"dark", "bright", "high-contrast", "uniform"};
            for (int i = 0; i < labels.length; i++) {
                ObjectNode e = lc.addObject().put("class_index", 10 + i);
                e.putObject("label").put("id", "L_" + i).put("name", labels[i]).put("type", "GLOBAL")
                        .put("scope", "INSTANCE");
            }
            JsonNode report = send(r, spec);
            assertOk(report, 1);
            JsonNode o = report.get("outputs").get(0);
            JsonNode types = report.get("types").get(0);
            assertEquals("int", types.get("class_index").asText());
            assertEquals("float", types.get("probability").asText());
            assertFalse(o.has("data"));
            int ci = o.get("class_index").asInt();
            assertTrue(ci >= 10 && ci <= 13, o.toString());
            assertUids(o, "a.dcm");

            JsonNode plain = send(r, spec("a.dcm")); // without label_classes: the model's label index
            assertOk(plain, 1);
            assertEquals(ci - 10, plain.get("outputs").get(0).get("class_index").asInt());
        });
    }

    private static Set<String> fields(JsonNode o) {
        Set<String> s = new HashSet<>();
        o.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static String detail(HttpResponse<byte[]> resp) {
        try {
            assertEquals("application/json", resp.headers().firstValue("content-type").orElse(""));
            return JSON.readTree(resp.body()).get("detail").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pack(Object o) {
        return Msgpack.pack(o);
    }

    private static Map<String, Object> body(List<Object> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files);
        m.put("annotations", List.of());
        m.put("args", Map.of());
        return m;
    }

    private static Map<String, Object> fileOf(byte[] content, String type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("content", content);
        f.put("content_type", type);
        return f;
    }

    @Test
    void badInputIsAClear4xxWithDetail() throws IOException {
        byte[] dicom = Files.readAllBytes(dir.resolve("a.dcm"));
        byte[] png = Files.readAllBytes(dir.resolve("c.png"));
        with(Map.of(Setting.LIMITS_MAX_BODY_BYTES, "300000"), r -> {
            String url = r.url("mdai", "/inference");
            byte[] good = pack(body(List.of(fileOf(dicom, "application/dicom"))));
            HttpResponse<byte[]> resp = Http.post(url, "application/msgpack; charset=utf-8", good);
            assertEquals(400, resp.statusCode());
            assertEquals("{\"detail\":\"Bad Request\"}", Http.text(resp));
            resp = Http.post(url, null, good);
            assertEquals(400, resp.statusCode());
            assertEquals("Bad Request", detail(resp));

            List<Object[]> cases = new ArrayList<>();
            cases.add(new Object[] {new byte[] {(byte) 0xc1}, 400, "not valid msgpack"});
            cases.add(new Object[] {new byte[0], 400, "empty"});
            cases.add(new Object[] {java.util.Arrays.copyOf(good, 100), 400, "msgpack"});
            cases.add(new Object[] {pack(List.of(1, 2)), 400, "must be a map"});
            cases.add(new Object[] {pack(Map.of("annotations", List.of())), 400, "'files' is missing"});
            cases.add(new Object[] {pack(body(List.of())), 400, "'files' is empty"});
            cases.add(new Object[] {pack(body(List.of(Map.of("content", "text", "content_type", "application/dicom")))),
                    400, "bin"});
            cases.add(new Object[] {pack(body(List.of(fileOf("not dicom".getBytes(), "application/dicom")))), 400,
                    "files[0]: not a DICOM file"});
            cases.add(new Object[] {pack(body(List.of(fileOf(new byte[64], "video/mp4")))), 415, "video/mp4"});
            cases.add(new Object[] {pack(body(List.of(fileOf("GIF89a...".getBytes(), "image/png")))), 415,
                    "not a PNG or JPEG"});
            cases.add(new Object[] {pack(body(List.of(fileOf(png, "image/png")))),
                    400, "StudyInstanceUID"});
            Map<String, Object> badLabels = body(List.of(fileOf(dicom, "application/dicom")));
            badLabels.put("label_classes", List.of(Map.of("class_index", true)));
            cases.add(new Object[] {pack(badLabels), 400, "class_index must be an int"});
            cases.add(new Object[] {pack(body(List.of(fileOf(new byte[400_000], "application/dicom")))), 413,
                    "exceeds the limit"});
            Map<String, Object> badArgs = body(List.of(fileOf(dicom, "application/dicom")));
            badArgs.put("args", Map.of("threshold", "high")); // the model refuses it: INVALID_ARG from Triton
            cases.add(new Object[] {pack(badArgs), 400, "threshold"});
            for (Object[] c : cases) {
                resp = Http.post(url, "application/msgpack", (byte[]) c[0]);
                assertEquals(c[1], resp.statusCode(), Http.text(resp));
                String d = detail(resp);
                assertTrue(d.contains((String) c[2]), d);
            }
        });
    }

    @Test
    void healthVersionAndReadiness() {
        with(Map.of(), r -> {
            HttpResponse<byte[]> h = Http.get(r.url("mdai", "/healthz"));
            assertEquals(200, h.statusCode());
            assertEquals(0, h.body().length);
            HttpResponse<byte[]> v = Http.get(r.url("mdai", "/version"));
            assertEquals(200, v.statusCode());
            assertEquals("0.3", Http.text(v));
            assertTrue(v.headers().firstValue("content-type").isEmpty(), v.headers().map().toString());
            assertEquals(200, Http.get(r.url("mdai", "/ready")).statusCode());
        });
        with(Map.of(Setting.MDAI_MODEL, "no_such_model"), r -> {
            HttpResponse<byte[]> ready = Http.get(r.url("mdai", "/ready"));
            assertEquals(503, ready.statusCode());
            assertEquals(0, ready.body().length);
        });
        with(Map.of(Setting.MDAI_ENABLED, "false"), r -> assertEquals(-1, r.radgate().port("mdai")));
    }
}
