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
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arterys (PROTOCOLS.md §1) against the REAL Triton: requests framed byte for byte as the
 * inference-test-tool frames them (src/test/python/arterys_client.py: requests_toolbelt
 * MultipartEncoder, quoted boundary), responses read as run.py reads them, and boxes and masks
 * checked against each instance's bright rectangle in its ORIGINAL pixels (96 rows × 128
 * columns, a rectangle that moves and grows per slice).
 */
class ArterysIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestRadgate radgate;
    private static Path phantoms;
    private static Path mixed;
    private static Path work;

    @BeforeAll
    static void start() throws IOException {
        TritonProcess triton = TritonProcess.shared();
        radgate = TestRadgate.start(triton.grpcTarget());
        work = Files.createTempDirectory("arterys-it");
        phantoms = work.resolve("study");
        PythonEnv.runScript("arterys_client.py", "phantoms", phantoms.toString());
        mixed = work.resolve("mixed");
        PythonEnv.runScript("arterys_client.py", "phantoms-mixed", mixed.toString());
    }

    @AfterAll
    static void stop() {
        if (radgate != null) {
            radgate.close();
        }
    }

    private static JsonNode send(String command, boolean attachment) throws IOException {
        return send(phantoms, command, attachment);
    }

    private static JsonNode send(Path study, String command, boolean attachment) throws IOException {
        Path report = Files.createTempFile(work, "report", ".json");
        if (attachment) {
            PythonEnv.runScript("arterys_client.py", "send", radgate.url("arterys", "/"), study.toString(), command,
                    report.toString(), "--attachment");
        } else {
            PythonEnv.runScript("arterys_client.py", "send", radgate.url("arterys", "/"), study.toString(), command,
                    report.toString());
        }
        JsonNode r = JSON.readTree(report.toFile());
        System.out.println("arterys " + command + ": " + r.get("status") + " " + r.get("content_type") + " parts "
                + r.get("part_types") + " geometry " + r.get("geometry"));
        return r;
    }

    private static void assertMultipart(JsonNode r) {
        assertEquals(200, r.get("status").asInt(), r.toString());
        assertTrue(r.get("content_type").asText().matches("multipart/related; boundary=[0-9a-f]{32}"), r.toString());
        assertEquals("1.0", r.get("json").get("protocol_version").asText());
        assertEquals(129, r.get("hashes").asText().length());
    }

    @Test
    void boundingBoxesLandOnEachInstancesRectangle() throws IOException {
        JsonNode r = send("get-bounding-box-2d", true);
        assertMultipart(r);
        JsonNode boxes = r.get("json").get("bounding_boxes_2d");
        assertEquals(3, boxes.size(), "one box per slice: " + boxes);
        assertEquals(0, r.get("json").get("parts").size());
        assertEquals(2, r.get("parts").asInt(), "json-body and hashes only");
        for (JsonNode b : boxes) {
            assertTrue(b.get("label").isTextual());
            assertEquals(2, b.get("top_left").size());
        }
        assertEquals(3, r.get("geometry").size());
    }

    @Test
    void probabilityMasks2dOnePerImageOnTheRectangle() throws IOException {
        JsonNode r = send("get-probability-mask-2D", false);
        assertMultipart(r);
        JsonNode parts = r.get("json").get("parts");
        assertEquals(3, parts.size());
        for (JsonNode p : parts) {
            assertEquals("probability_mask", p.get("binary_type").asText());
            assertEquals(128, p.get("binary_data_shape").get("width").asInt());
            assertEquals(96, p.get("binary_data_shape").get("height").asInt());
            assertTrue(p.get("dicom_image").get("SOPInstanceUID").isTextual());
        }
        assertEquals("application/binary", r.get("part_types").get(1).asText());
        assertEquals("text/plain", r.get("part_types").get(4).asText());
        assertEquals(3, r.get("geometry").size());
    }

    /** The current client sends no inference_command: a positioned series gets a volume (the client's own rule). */
    @Test
    void noCommandUsesTheConfiguredDefault() throws IOException {
        JsonNode r = send("-", false);
        assertMultipart(r);
        assertEquals(1, r.get("json").get("parts").size(), "default get-probability-mask: 3D for positioned images");
        assertTrue(r.get("json").get("parts").get(0).has("SeriesInstanceUID"));
        assertEquals(3, r.get("geometry").size());
        try (TestRadgate twoD = TestRadgate.start(TritonProcess.shared().grpcTarget(),
                Map.of(Setting.ARTERYS_DEFAULT_COMMAND, "get-probability-mask-2D"))) {
            Path report = Files.createTempFile(work, "report", ".json");
            PythonEnv.runScript("arterys_client.py", "send", twoD.url("arterys", "/"), phantoms.toString(), "-",
                    report.toString());
            JsonNode d = JSON.readTree(report.toFile());
            assertMultipart(d);
            assertEquals(3, d.get("json").get("parts").size(), "configured get-probability-mask-2D");
            assertTrue(d.get("json").get("parts").get(0).has("dicom_image"));
        }
    }

    @Test
    void probabilityMask3dPerSeriesInColumnRowSliceOrder() throws IOException {
        JsonNode r = send("get-probability-mask-3D", false);
        assertMultipart(r);
        JsonNode parts = r.get("json").get("parts");
        assertEquals(1, parts.size());
        JsonNode shape = parts.get(0).get("binary_data_shape");
        assertEquals(1, shape.get("timepoints").asInt());
        assertEquals(3, shape.get("depth").asInt());
        assertEquals(128, shape.get("width").asInt());
        assertEquals(96, shape.get("height").asInt());
        assertTrue(parts.get(0).get("SeriesInstanceUID").isTextual());
        assertEquals(3, r.get("geometry").size());
    }

    /** Two series (two 80x64 slices; one 2-frame 60x72 instance): frame_number, one 3D part per series. */
    @Test
    void mixedStudyMultiFrameAndTwoSeries() throws IOException {
        JsonNode masks = send(mixed, "get-probability-mask-2D", false);
        assertMultipart(masks);
        JsonNode parts = masks.get("json").get("parts");
        assertEquals(4, parts.size());
        int framed = 0;
        for (JsonNode p : parts) {
            framed += p.get("dicom_image").has("frame_number") ? 1 : 0;
        }
        assertEquals(2, framed, "frame_number on the two frames of the multi-frame instance only");
        assertEquals(4, masks.get("geometry").size());

        JsonNode boxes = send(mixed, "get-bounding-box-2d", false);
        assertMultipart(boxes);
        assertEquals(4, boxes.get("json").get("bounding_boxes_2d").size());
        assertEquals(4, boxes.get("geometry").size());

        JsonNode volumes = send(mixed, "get-probability-mask-3D", false);
        assertMultipart(volumes);
        JsonNode v = volumes.get("json").get("parts");
        assertEquals(2, v.size(), "one part per series");
        for (JsonNode p : v) {
            assertEquals(2, p.get("binary_data_shape").get("depth").asInt());
        }
        assertEquals(4, volumes.get("geometry").size());
    }

    @Test
    void classificationLabelsAsStudyAndSeriesJson() throws IOException {
        JsonNode r = send("get-classification-labels", false);
        assertMultipart(r);
        JsonNode j = r.get("json");
        assertTrue(j.get("study_ml_json").isObject());
        assertTrue(j.get("study_ml_json").get("label").isTextual());
        assertEquals(1, j.get("series_ml_json").size());
        assertEquals(0, j.get("parts").size());
    }

    /** run.py -R options reach the model: a min_area larger than the image leaves no box; a bad one is 400. */
    @Test
    void requestOptionsReachTheModel() throws IOException {
        Path report = Files.createTempFile(work, "report", ".json");
        PythonEnv.runScript("arterys_client.py", "send", radgate.url("arterys", "/"), phantoms.toString(),
                "get-bounding-box-2d", report.toString(), "--option=min_area=100000000");
        JsonNode r = JSON.readTree(report.toFile());
        assertMultipart(r);
        assertEquals(0, r.get("json").get("bounding_boxes_2d").size(), r.toString());
        PythonEnv.runScript("arterys_client.py", "send", radgate.url("arterys", "/"), phantoms.toString(),
                "get-bounding-box-2d", report.toString(), "--option=min_area=zero");
        r = JSON.readTree(report.toFile());
        assertEquals(400, r.get("status").asInt(), r.toString());
        System.out.println("arterys bad option: " + r.get("status") + " " + r.get("body"));
    }

    @Test
    void badInputIsAClear4xxOnEveryRoute() {
        String url = radgate.url("arterys", "/");
        HttpResponse<byte[]> r = Http.post(url, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertEquals("invalid content-type application/json", Http.text(r));

        String ct = "multipart/related; boundary=\"abc\"";
        r = Http.post(url, ct, "garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode(), Http.text(r));

        String unknown = "--abc\r\nContent-Type: text/json\r\n\r\n{\"inference_command\": \"other\"}\r\n--abc--\r\n";
        r = Http.post(url, ct, unknown.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(Http.text(r).contains("'other'"), Http.text(r));

        String noDicom = "--abc\r\nContent-Type: text/json\r\n\r\n{\"studyUID\": \"1\"}\r\n--abc\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nnot dicom\r\n--abc--\r\n";
        r = Http.post(url, ct, noDicom.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(Http.text(r).contains("no DICOM"), Http.text(r));

        String badDicom = "--abc\r\nContent-Type: text/json\r\n\r\n{}\r\n--abc\r\n"
                + "Content-Type: application/dicom\r\n\r\nnot dicom at all\r\n--abc--\r\n";
        r = Http.post(url, ct, badDicom.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode(), Http.text(r));

        String notJson = "--abc\r\nContent-Type: text/json\r\n\r\n{oops\r\n--abc--\r\n";
        r = Http.post(url, ct, notJson.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());

        assertEquals(405, Http.get(url).statusCode());
    }

    @Test
    void aBodyOverTheLimitIs413() {
        try (TestRadgate small = TestRadgate.start(TritonProcess.shared().grpcTarget(),
                Map.of(Setting.LIMITS_MAX_BODY_BYTES, "1000"))) {
            HttpResponse<byte[]> r = Http.post(small.url("arterys", "/"), "multipart/related; boundary=abc",
                    new byte[5000]);
            assertEquals(413, r.statusCode());
        }
    }

    @Test
    void pingAndHealthcheck() {
        for (String method : new String[] {"GET", "POST"}) {
            HttpResponse<byte[]> ping = method.equals("GET") ? Http.get(radgate.url("arterys", "/ping"))
                    : Http.post(radgate.url("arterys", "/ping"), null, new byte[0]);
            assertEquals(200, ping.statusCode());
            assertEquals("inference-service is up and accepting connections", Http.text(ping));
            HttpResponse<byte[]> health = method.equals("GET") ? Http.get(radgate.url("arterys", "/healthcheck"))
                    : Http.post(radgate.url("arterys", "/healthcheck"), null, new byte[0]);
            assertEquals(200, health.statusCode());
            assertEquals("READY", Http.text(health));
        }
    }

    @Test
    void healthcheckTellsTheTruthWhenAModelIsMissing() {
        try (TestRadgate other = TestRadgate.start(TritonProcess.shared().grpcTarget(),
                Map.of(Setting.ARTERYS_MODEL_CLASSIFICATION, "no_such_model"))) {
            HttpResponse<byte[]> health = Http.get(other.url("arterys", "/healthcheck"));
            assertEquals(200, health.statusCode());
            assertTrue(Http.text(health).startsWith("NOT READY"), Http.text(health));
        }
    }
}
