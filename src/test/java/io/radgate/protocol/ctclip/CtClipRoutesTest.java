package io.radgate.protocol.ctclip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.config.Setting;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real radgate with the CT-CLIP listener over an in-process fake Triton: every route's
 * answers that do not need a real model (pre-checks, bad archives, health, upstream failure),
 * each with CT-CLIP's exact body and a content type of exactly application/json.
 */
class CtClipRoutesTest {
    private static final List<String> FAILURE_KEYS = List.of("study_uid", "series_uid", "probability_of_pathology",
            "pathology", "most_dangerous_pathology_type", "processing_status", "time_of_processing", "error");

    private FakeTriton triton;
    private TestRadgate radgate;

    @BeforeEach
    void start() throws Exception {
        triton = new FakeTriton().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (radgate != null) {
            radgate.close();
        }
        triton.close();
    }

    private void radgate(Map<Setting, String> extra) {
        Map<Setting, String> s = new HashMap<>(extra);
        radgate = TestRadgate.start(triton.target(), s);
    }

    private String url(String path) {
        return radgate.url("ctclip", path);
    }

    private HttpResponse<byte[]> upload(String path, String filename, byte[] data) {
        FormData form = new FormData().file("file", filename, "application/zip", data);
        return Http.post(url(path), form.contentType(), form.bytes());
    }

    private static void assertJson(HttpResponse<byte[]> r, int status) {
        assertEquals(status, r.statusCode(), Http.text(r));
        assertEquals(List.of("application/json"), r.headers().allValues("content-type"),
                "the batch client compares the content type exactly");
    }

    private static JsonObject failure(HttpResponse<byte[]> r, int status) {
        assertJson(r, status);
        JsonObject body = new JsonObject(Http.text(r));
        assertEquals(FAILURE_KEYS, List.copyOf(body.fieldNames()), Http.text(r));
        assertEquals("Failure", body.getString("processing_status"));
        assertTrue(body.getValue("time_of_processing") instanceof Number);
        return body;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void rootAnswersTheOriginalServiceDescription() {
        radgate(Map.of());
        HttpResponse<byte[]> r = Http.get(url("/"));
        assertJson(r, 200);
        assertEquals("{\"status\":\"running\",\"service\":\"CT-CLIP + LightGBM Inference API\",\"version\":\"2.0.0\"}",
                Http.text(r));
    }

    @Test
    void healthIsHealthyOnlyWhenTheModelIsReady() {
        radgate(Map.of());
        HttpResponse<byte[]> down = Http.get(url("/health"));
        assertJson(down, 503);
        assertEquals("{\"status\":\"unhealthy\"}", Http.text(down));
        triton.readyModels.add("study_classifier");
        HttpResponse<byte[]> up = Http.get(url("/health"));
        assertJson(up, 200);
        assertEquals("{\"status\":\"healthy\"}", Http.text(up));
    }

    @Test
    void healthAlsoWaitsForAConfiguredThoracicModel() {
        radgate(Map.of(Setting.CTCLIP_THORACIC_MODEL, "thoracic_classifier"));
        triton.readyModels.add("study_classifier");
        assertJson(Http.get(url("/health")), 503);
        triton.readyModels.add("thoracic_classifier");
        assertJson(Http.get(url("/health")), 200);
    }

    @Test
    void aNameNotEndingInZipIs400WithTheOriginalRussianDetail() {
        radgate(Map.of());
        for (String name : List.of("study.tar", "study.ZIP", "study.zip.txt")) {
            HttpResponse<byte[]> r = upload("/predict", name, new byte[] {1, 2, 3});
            assertJson(r, 400);
            assertEquals("{\"detail\":\"Поддерживаются только ZIP архивы с DICOM файлами\"}", Http.text(r), name);
        }
    }

    @Test
    void niftiRouteAcceptsOnlyNiiAndNiiGz() {
        radgate(Map.of());
        HttpResponse<byte[]> r = upload("/predict_nifti", "volume.zip", new byte[] {1});
        assertJson(r, 400);
        assertEquals("{\"detail\":\"Поддерживаются только NIFTI файлы (.nii.gz или .nii)\"}", Http.text(r));
    }

    @Test
    void aFormWithoutTheFileFieldIsFastApis422() {
        radgate(Map.of());
        FormData form = new FormData().file("upload", "study.zip", "application/zip", new byte[] {1}).field("a", "b");
        HttpResponse<byte[]> r = Http.post(url("/predict"), form.contentType(), form.bytes());
        assertJson(r, 422);
        assertEquals("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"file\"],\"msg\":\"Field required\","
                + "\"input\":null}]}", Http.text(r));
        HttpResponse<byte[]> raw = Http.post(url("/predict"), "application/zip", new byte[] {1, 2});
        assertJson(raw, 422);
    }

    @Test
    void anUploadOverTheLimitIs413() {
        radgate(Map.of(Setting.CTCLIP_MAX_UPLOAD_BYTES, "100000"));
        HttpResponse<byte[]> r = upload("/predict", "study.zip", new byte[200_000]);
        assertJson(r, 413);
        assertTrue(new JsonObject(Http.text(r)).getString("detail").contains("100000"), Http.text(r));
    }

    @Test
    void bytesThatAreNoZipAre400InTheFailureBody() {
        radgate(Map.of());
        JsonObject body = failure(upload("/predict", "study.zip", "not a zip at all".getBytes(StandardCharsets.UTF_8)),
                400);
        assertTrue(body.getString("error").toLowerCase().contains("zip"), body.encode());
    }

    @Test
    void anArchiveWithoutDicomFilesIs422NoDicomSeries() throws IOException {
        radgate(Map.of());
        byte[] zip = zip(Map.of("a/readme.txt", "x".getBytes(StandardCharsets.UTF_8),
                "a/data.bin", new byte[4096], "a/.DS_Store", new byte[10]));
        JsonObject body = failure(upload("/predict", "study.zip", zip), 422);
        assertEquals("Нет DICOM серий в архиве", body.getString("error"));
        assertEquals("", body.getString("study_uid"));
        assertTrue(body.containsKey("probability_of_pathology") && body.getValue("probability_of_pathology") == null);
    }

    @Test
    void badNiftiIs400WithTopPathologiesInsteadOfMostDangerousType() {
        radgate(Map.of());
        HttpResponse<byte[]> r = upload("/predict_nifti", "volume.nii.gz", "garbage".getBytes(StandardCharsets.UTF_8));
        assertJson(r, 400);
        JsonObject body = new JsonObject(Http.text(r));
        assertEquals(List.of("study_uid", "series_uid", "probability_of_pathology", "pathology", "top_pathologies",
                "processing_status", "time_of_processing", "error"), List.copyOf(body.fieldNames()));
        assertEquals(0, body.getJsonArray("top_pathologies").size());
    }
}
