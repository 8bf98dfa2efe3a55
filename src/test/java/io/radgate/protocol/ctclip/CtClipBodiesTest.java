package io.radgate.protocol.ctclip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.radgate.post.LabelScore;
import io.radgate.protocol.ctclip.CtClipBodies.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CT-CLIP's bodies byte for byte (PROTOCOLS.md §4.1): compact, in the pydantic field order,
 * Cyrillic sent raw as Starlette's {@code ensure_ascii=False} does.
 */
class CtClipBodiesTest {
    private static final List<LabelScore> LABELS = List.of(
            new LabelScore(4, "dense-structure", 0.91),
            new LabelScore(0, "bright-ring", 0.80),
            new LabelScore(2, "faint-haze", 0.62),
            new LabelScore(1, "thin-line", 0.40),
            new LabelScore(3, "dark-spot", 0.10));

    private static List<String> names(List<LabelScore> labels) {
        return labels.stream().map(LabelScore::name).toList();
    }

    @Test
    void topPathologiesAreTheLabelsOverTheThresholdBestFirstAtMostThree() {
        assertEquals(List.of("dense-structure", "bright-ring", "faint-haze"), CtClipBodies.topPathologies(LABELS, 0.5));
        assertEquals(List.of("dense-structure"), CtClipBodies.topPathologies(LABELS, 0.95));
        assertEquals(List.of("dense-structure", "bright-ring", "faint-haze"), CtClipBodies.topPathologies(LABELS, 0.0));
    }

    @Test
    void topPathologiesNameTheBestLabelWhenNoneReachesTheThreshold() {
        assertEquals(List.of("dense-structure"), CtClipBodies.topPathologies(LABELS, 1.0));
        assertEquals(List.of(), CtClipBodies.topPathologies(List.of(), 0.5));
    }

    @Test
    void rootNamesTheServiceAndVersion() {
        assertEquals("{\"status\":\"running\",\"service\":\"CT-CLIP + LightGBM Inference API\",\"version\":\"2.0.0\"}",
                CtClipBodies.root());
    }

    @Test
    void healthSaysHealthyOrUnhealthy() {
        assertEquals("{\"status\":\"healthy\"}", CtClipBodies.health(true));
        assertEquals("{\"status\":\"unhealthy\"}", CtClipBodies.health(false));
    }

    @Test
    void contentTypeHasNoCharsetBecauseTheBatchClientComparesItExactly() {
        assertEquals("application/json", CtClipBodies.CONTENT_TYPE);
    }

    @Test
    void detailBodiesCarryCyrillicRawNotEscaped() {
        String zip = CtClipBodies.detail(CtClipBodies.ONLY_ZIP);
        assertEquals("{\"detail\":\"Поддерживаются только ZIP архивы с DICOM файлами\"}", zip);
        assertFalse(zip.contains("\\u"), zip);
        assertEquals("{\"detail\":\"Поддерживаются только NIFTI файлы (.nii.gz или .nii)\"}",
                CtClipBodies.detail(CtClipBodies.ONLY_NIFTI));
        // the bytes on the wire are UTF-8 of the raw letters: 'П' is D0 9F
        byte[] utf8 = zip.getBytes(StandardCharsets.UTF_8);
        assertEquals((byte) 0xD0, utf8[11]);
        assertEquals((byte) 0x9F, utf8[12]);
    }

    @Test
    void detailEscapesQuotesAndBackslashesAsJson() {
        assertEquals("{\"detail\":\"a \\\"quoted\\\" \\\\ name\"}", CtClipBodies.detail("a \"quoted\" \\ name"));
    }

    @Test
    void missingFileIsFastApisPydanticV2ErrorList() {
        assertEquals("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"file\"],\"msg\":\"Field required\","
                + "\"input\":null}]}", CtClipBodies.missingFile());
    }

    @Test
    void notEnoughSlicesNamesTheMinimum() {
        assertEquals("Недостаточно срезов для обработки (требуется минимум 20 валидных срезов).",
                CtClipBodies.notEnoughSlices(20));
        assertEquals("Недостаточно срезов для обработки (требуется минимум 7 валидных срезов).",
                CtClipBodies.notEnoughSlices(7));
    }

    @Test
    void successWithPathologyListsTheFirstThreeLabelsInTheGivenOrder() {
        assertEquals("{\"study_uid\":\"1.2.3\",\"series_uid\":\"1.2.3.4\",\"probability_of_pathology\":0.87,"
                        + "\"pathology\":1,\"top_pathologies\":[\"dense-structure\",\"bright-ring\",\"faint-haze\"],"
                        + "\"processing_status\":\"Success\",\"time_of_processing\":45.67}",
                CtClipBodies.success("1.2.3", "1.2.3.4", new Verdict(0.87, 1), names(LABELS), null, 45.67));
        // the order given is kept, even if it is not by score
        List<LabelScore> reversed = List.of(LABELS.get(4), LABELS.get(3));
        assertEquals("{\"study_uid\":\"s\",\"series_uid\":\"r\",\"probability_of_pathology\":0.6,\"pathology\":1,"
                        + "\"top_pathologies\":[\"dark-spot\",\"thin-line\"],\"processing_status\":\"Success\","
                        + "\"time_of_processing\":1.0}",
                CtClipBodies.success("s", "r", new Verdict(0.6, 1), names(reversed), null, 1.0));
    }

    @Test
    void successWithoutPathologyHasAnEmptyTopPathologiesList() {
        assertEquals("{\"study_uid\":\"1.2.3\",\"series_uid\":\"1.2.3.4\",\"probability_of_pathology\":0.12,"
                        + "\"pathology\":0,\"top_pathologies\":[],\"processing_status\":\"Success\","
                        + "\"time_of_processing\":3.5}",
                CtClipBodies.success("1.2.3", "1.2.3.4", new Verdict(0.12, 0), names(LABELS), null, 3.5));
        assertEquals("{\"study_uid\":\"a\",\"series_uid\":\"b\",\"probability_of_pathology\":0.9,\"pathology\":1,"
                        + "\"top_pathologies\":[],\"processing_status\":\"Success\",\"time_of_processing\":0.0}",
                CtClipBodies.success("a", "b", new Verdict(0.9, 1), List.of(), null, 0.0));
    }

    @Test
    void theThoracicPairFollowsTopPathologiesOnlyWhenGiven() {
        assertEquals("{\"study_uid\":\"nifti_chest\",\"series_uid\":\"nifti_chest_series\","
                        + "\"probability_of_pathology\":0.87,\"pathology\":1,\"top_pathologies\":[\"dense-structure\"],"
                        + "\"probability_of_pathology_thoracic\":0.25,\"pathology_thoracic\":0,"
                        + "\"processing_status\":\"Success\",\"time_of_processing\":2.25}",
                CtClipBodies.success("nifti_chest", "nifti_chest_series", new Verdict(0.87, 1),
                        names(List.of(LABELS.get(0))), new Verdict(0.25, 0), 2.25));
        assertEquals("{\"study_uid\":\"a\",\"series_uid\":\"b\",\"probability_of_pathology\":0.3,\"pathology\":0,"
                        + "\"top_pathologies\":[],\"probability_of_pathology_thoracic\":0.75,\"pathology_thoracic\":1,"
                        + "\"processing_status\":\"Success\",\"time_of_processing\":9.0}",
                CtClipBodies.success("a", "b", new Verdict(0.3, 0), names(LABELS), new Verdict(0.75, 1), 9.0));
    }

    @Test
    void failureForPredictHasANullMostDangerousPathologyType() {
        assertEquals("{\"study_uid\":\"\",\"series_uid\":\"\",\"probability_of_pathology\":null,\"pathology\":null,"
                        + "\"most_dangerous_pathology_type\":null,\"processing_status\":\"Failure\","
                        + "\"time_of_processing\":1.234,\"error\":\"Недостаточно срезов для обработки (требуется "
                        + "минимум 20 валидных срезов).\"}",
                CtClipBodies.failure(false, 1.234, CtClipBodies.notEnoughSlices(20)));
    }

    @Test
    void failureForNiftiHasAnEmptyTopPathologiesListInstead() {
        assertEquals("{\"study_uid\":\"\",\"series_uid\":\"\",\"probability_of_pathology\":null,\"pathology\":null,"
                        + "\"top_pathologies\":[],\"processing_status\":\"Failure\",\"time_of_processing\":0.5,"
                        + "\"error\":\"Легкие не найдены на изображении или их относительный процент слишком мал.\"}",
                CtClipBodies.failure(true, 0.5,
                        "Легкие не найдены на изображении или их относительный процент слишком мал."));
    }

    @Test
    void secondsAreRoundedToTheMillisecond() {
        assertEquals(0.0, CtClipBodies.seconds(0));
        assertEquals(0.0, CtClipBodies.seconds(499_999));
        assertEquals(0.001, CtClipBodies.seconds(500_000));
        assertEquals(1.235, CtClipBodies.seconds(1_234_567_890L));
        assertEquals(45.67, CtClipBodies.seconds(45_670_000_000L));
        assertEquals(600.0, CtClipBodies.seconds(600_000_000_000L));
        // and they print as plain decimals in the body
        assertEquals("{\"study_uid\":\"\",\"series_uid\":\"\",\"probability_of_pathology\":null,\"pathology\":null,"
                        + "\"top_pathologies\":[],\"processing_status\":\"Failure\",\"time_of_processing\":1.235,"
                        + "\"error\":\"x\"}",
                CtClipBodies.failure(true, CtClipBodies.seconds(1_234_567_890L), "x"));
    }

    @Test
    void asFloat32GivesTheShortestDecimalOfTheFloat() {
        double widened = (double) 0.87f;
        assertEquals(0.8700000047683716, widened);
        assertEquals(0.87, CtClipBodies.asFloat32(widened));
        assertEquals(0.87, CtClipBodies.asFloat32(0.87));
        assertEquals(0.59, CtClipBodies.asFloat32((double) 0.59f));
        assertEquals(1.0, CtClipBodies.asFloat32(1.0));
        assertEquals(0.0, CtClipBodies.asFloat32(0.0));
        assertEquals(1.0E-5, CtClipBodies.asFloat32((double) 1.0E-5f));
        assertEquals("{\"study_uid\":\"a\",\"series_uid\":\"b\",\"probability_of_pathology\":0.87,\"pathology\":1,"
                        + "\"top_pathologies\":[],\"processing_status\":\"Success\",\"time_of_processing\":1.0}",
                CtClipBodies.success("a", "b", new Verdict(CtClipBodies.asFloat32(widened), 1), List.of(), null,
                        1.0));
    }
}
