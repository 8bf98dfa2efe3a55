package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.config.Setting;
import io.radgate.testing.PythonEnv;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CT-CLIP study API against a REAL Triton serving study_classifier, with requests made by
 * src/test/python/ctclip_client.py exactly as CT-CLIP's batch client makes them (requests,
 * files={"file": (name, fh, "application/zip")}) over studies written by
 * src/test/python/make_ct_studies.py (pydicom). The phantoms decide the answer: a study is
 * "dense" only when the series CT-CLIP's rules choose holds the dense sphere, so a wrong
 * series choice, a wrong slice order or a wrong HU mapping shows as a wrong pathology.
 */
class CtClipIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SUCCESS_KEYS = List.of("study_uid", "series_uid", "probability_of_pathology",
            "pathology", "top_pathologies", "processing_status", "time_of_processing");
    private static final List<String> FAILURE_KEYS = List.of("study_uid", "series_uid", "probability_of_pathology",
            "pathology", "most_dangerous_pathology_type", "processing_status", "time_of_processing", "error");
    private static final String NOT_ENOUGH = "Недостаточно срезов для обработки (требуется минимум 20 валидных срезов).";

    private static TritonProcess triton;
    private static TestRadgate radgate;
    private static Path studies;
    private static JsonNode manifest;

    @BeforeAll
    static void start() throws IOException {
        studies = TritonProcess.repoRoot().resolve("target/ct-studies");
        Files.createDirectories(studies);
        PythonEnv.runScript("make_ct_studies.py", studies.toString());
        manifest = JSON.readTree(studies.resolve("manifest.json").toFile());
        triton = TritonProcess.onFreePorts("ctclip", "study_classifier");
        triton.start();
        radgate = TestRadgate.start(triton.grpcTarget(), Map.of());
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

    private static JsonNode client(TestRadgate r, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(r.url("ctclip", "")));
        all.addAll(List.of(args));
        return JSON.readTree(PythonEnv.runScript("ctclip_client.py", all.toArray(String[]::new)));
    }

    private static JsonNode predict(String file) throws IOException {
        return client(radgate, "predict", studies.resolve(file).toString());
    }

    private static List<String> keys(JsonNode report) {
        List<String> k = new ArrayList<>();
        report.get("keys").forEach(n -> k.add(n.asText()));
        return k;
    }

    private static void assertSuccess(JsonNode r, String file) {
        assertEquals(200, r.get("status").asInt(), r.toString());
        assertEquals("application/json", r.get("content_type").asText());
        assertEquals(SUCCESS_KEYS, keys(r), file);
        JsonNode types = r.get("types");
        assertEquals("str", types.get("study_uid").asText());
        assertEquals("float", types.get("probability_of_pathology").asText());
        assertEquals("int", types.get("pathology").asText(), "pathology is an int, never a bool");
        assertEquals("float", types.get("time_of_processing").asText());
        JsonNode body = r.get("body");
        JsonNode m = manifest.get(file);
        assertEquals(m.get("study_uid").asText(), body.get("study_uid").asText(), file);
        assertEquals(m.get("expected_series_uid").asText(), body.get("series_uid").asText(), file);
        assertEquals("Success", body.get("processing_status").asText());
    }

    private static void assertVerdict(JsonNode body, String expected, String file) {
        double p = body.get("probability_of_pathology").asDouble();
        JsonNode top = body.get("top_pathologies");
        if (expected.equals("dense")) {
            assertTrue(p >= 0.59, file + ": " + body);
            assertEquals(1, body.get("pathology").asInt());
            // the phantom's other label scores stay far below ctclip.label-threshold (0.5)
            assertEquals(1, top.size(), body.toString());
            assertEquals("dense-structure", top.get(0).asText(), file + ": " + body);
        } else {
            assertTrue(p < 0.59, file + ": " + body);
            assertEquals(0, body.get("pathology").asInt());
            assertEquals(0, top.size(), "top_pathologies is [] when pathology is 0: " + body);
        }
    }

    private static JsonNode assertFailure(JsonNode r, int status, List<String> keys) {
        assertEquals(status, r.get("status").asInt(), r.toString());
        assertEquals("application/json", r.get("content_type").asText(), "no charset: the batch client compares it");
        assertEquals(keys, keys(r));
        JsonNode body = r.get("body");
        assertEquals("Failure", body.get("processing_status").asText());
        assertTrue(body.get("probability_of_pathology").isNull() && body.get("pathology").isNull());
        assertEquals("", body.get("study_uid").asText());
        assertFalse(body.get("error").asText().isBlank());
        return body;
    }

    @Test
    void healthAndRootAnswerAsTheOriginal() throws IOException {
        JsonNode h = client(radgate, "health");
        assertEquals(200, h.get("status").asInt());
        assertEquals("application/json", h.get("content_type").asText());
        assertEquals("{\"status\":\"healthy\"}", h.get("raw").asText());
        JsonNode root = client(radgate, "root");
        assertEquals("2.0.0", root.get("body").get("version").asText());
    }

    @Test
    void everyStudyIsClassifiedOnTheSeriesCtClipWouldChoose() throws IOException {
        int checked = 0;
        for (var it = manifest.fields(); it.hasNext(); ) {
            var e = it.next();
            String expected = e.getValue().get("expected").asText();
            if (!e.getKey().endsWith(".zip") || !(expected.equals("dense") || expected.equals("normal"))) {
                continue;
            }
            JsonNode r = predict(e.getKey());
            assertSuccess(r, e.getKey());
            assertVerdict(r.get("body"), expected, e.getKey());
            checked++;
        }
        assertTrue(checked >= 6, "dense and normal studies in the manifest: " + checked);
    }

    @Test
    void tooFewValidSlicesOrNoDicomIs422WithTheOriginalText() throws IOException {
        assertEquals(NOT_ENOUGH, assertFailure(predict("few_slices.zip"), 422, FAILURE_KEYS).get("error").asText());
        assertEquals("Нет DICOM серий в архиве",
                assertFailure(predict("no_dicom.zip"), 422, FAILURE_KEYS).get("error").asText());
    }

    @Test
    void aVolumeTheModelCannotClassifyIs422WithItsReason() throws IOException {
        JsonNode body = assertFailure(predict("empty.zip"), 422, FAILURE_KEYS);
        assertTrue(body.get("error").asText().contains("body"), body.toString());
    }

    @Test
    void brokenArchivesAre400NeverA500() throws IOException {
        for (String file : List.of("not_a_zip.zip", "truncated.zip")) {
            assertFailure(predict(file), 400, FAILURE_KEYS);
        }
    }

    @Test
    void aFileNotNamedZipIs400WithTheRussianDetail() throws IOException {
        JsonNode r = client(radgate, "predict", studies.resolve("normal.zip").toString(), "study.tar");
        assertEquals(400, r.get("status").asInt());
        assertEquals("application/json", r.get("content_type").asText());
        assertEquals("Поддерживаются только ZIP архивы с DICOM файлами", r.get("body").get("detail").asText());
    }

    @Test
    void niftiVolumesAreClassifiedAndNamedAfterTheFile() throws IOException {
        for (String file : List.of("dense.nii.gz", "normal.nii")) {
            JsonNode r = client(radgate, "predict_nifti", studies.resolve(file).toString());
            assertEquals(200, r.get("status").asInt(), r.toString());
            assertEquals(SUCCESS_KEYS, keys(r));
            String stem = file.replace(".nii.gz", "").replace(".nii", "");
            assertEquals("nifti_" + stem, r.get("body").get("study_uid").asText());
            assertEquals("nifti_" + stem + "_series", r.get("body").get("series_uid").asText());
            assertVerdict(r.get("body"), manifest.get(file).get("expected").asText(), file);
        }
        List<String> niftiFailure = List.of("study_uid", "series_uid", "probability_of_pathology", "pathology",
                "top_pathologies", "processing_status", "time_of_processing", "error");
        assertFailure(client(radgate, "predict_nifti", studies.resolve("empty.nii.gz").toString()), 422, niftiFailure);
        assertFailure(client(radgate, "predict_nifti", studies.resolve("bad.nii.gz").toString()), 400, niftiFailure);
    }

    @Test
    void theBatchClientReadsEveryRowIncludingTheFailures() throws IOException {
        Path dir = TritonProcess.repoRoot().resolve("target/ct-batch");
        Files.createDirectories(dir);
        for (String f : List.of("dense.zip", "normal.zip", "few_slices.zip", "not_a_zip.zip")) {
            Files.copy(studies.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        JsonNode r = client(radgate, "batch", dir.toString());
        assertTrue(r.get("crash") == null || r.get("crash").isNull(), r.toString());
        JsonNode rows = r.get("results");
        assertEquals(4, rows.size(), r.toString());
        for (JsonNode row : rows) {
            String name = Path.of(row.get("path_to_study").asText()).getFileName().toString();
            switch (name) {
                case "dense.zip" -> assertEquals("dense-structure", row.get("most_dangerous_pathology_type").asText());
                case "normal.zip" -> assertEquals("", row.get("most_dangerous_pathology_type").asText());
                case "few_slices.zip" -> assertEquals(NOT_ENOUGH, row.get("error").asText(),
                        "the client took the error from the JSON body, so the content type matched exactly");
                default -> assertFalse(row.get("error").asText().startsWith("HTTP "), row.toString());
            }
        }
    }

    @Test
    void aThoracicModelAddsItsPairRightAfterTopPathologies() throws IOException {
        try (TestRadgate withThoracic = TestRadgate.start(triton.grpcTarget(),
                Map.of(Setting.CTCLIP_THORACIC_MODEL, "study_classifier"))) {
            JsonNode r = client(withThoracic, "predict", studies.resolve("dense.zip").toString());
            assertEquals(200, r.get("status").asInt(), r.toString());
            assertEquals(List.of("study_uid", "series_uid", "probability_of_pathology", "pathology", "top_pathologies",
                    "probability_of_pathology_thoracic", "pathology_thoracic", "processing_status",
                    "time_of_processing"), keys(r));
            JsonNode body = r.get("body");
            assertEquals(body.get("probability_of_pathology").asDouble(),
                    body.get("probability_of_pathology_thoracic").asDouble(), "the same model on the same volume");
            assertEquals("int", r.get("types").get("pathology_thoracic").asText());
        }
        assertNull(predict("dense.zip").get("body").get("pathology_thoracic"));
    }
}
