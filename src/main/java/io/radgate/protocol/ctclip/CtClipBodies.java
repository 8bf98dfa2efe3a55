package io.radgate.protocol.ctclip;

import io.radgate.post.LabelScore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * CT-CLIP's JSON bodies (PROTOCOLS.md §4.1), fields in the order of the original's pydantic
 * models, compact, non-ASCII sent raw (Starlette's rendering). All are sent as
 * {@code application/json} with no charset: the batch client compares that header exactly.
 */
final class CtClipBodies {
    static final String CONTENT_TYPE = "application/json";
    /** top_pathologies holds at most this many names (DECISIONS.md). */
    static final int TOP_PATHOLOGIES = 3;

    static final String ONLY_ZIP = "Поддерживаются только ZIP архивы с DICOM файлами";
    /** The original's text when an archive holds no valid DICOM file at all (its status there was 500). */
    static final String NO_DICOM = "Нет DICOM серий в архиве";
    static final String ONLY_NIFTI = "Поддерживаются только NIFTI файлы (.nii.gz или .nii)";

    /** One model's verdict. */
    record Verdict(double probability, int pathology) {
    }

    private CtClipBodies() {
    }

    /** The 422 text when no series has enough valid slices. */
    static String notEnoughSlices(int minSlices) {
        return "Недостаточно срезов для обработки (требуется минимум " + minSlices + " валидных срезов).";
    }

    static String root() {
        return new JsonObject().put("status", "running").put("service", "CT-CLIP + LightGBM Inference API")
                .put("version", "2.0.0").encode();
    }

    static String health(boolean healthy) {
        return new JsonObject().put("status", healthy ? "healthy" : "unhealthy").encode();
    }

    /** FastAPI's {@code {"detail": "..."}} of the pre-checks (wrong extension, body over the limit). */
    static String detail(String message) {
        return new JsonObject().put("detail", message).encode();
    }

    /** FastAPI's 422 when the form has no {@code file} field (pydantic v2's error list). */
    static String missingFile() {
        JsonObject error = new JsonObject().put("type", "missing").put("loc", new JsonArray().add("body").add("file"))
                .put("msg", "Field required").putNull("input");
        return new JsonObject().put("detail", new JsonArray().add(error)).encode();
    }

    /**
     * The success body. {@code top_pathologies} is the given names (at most 3) when pathology is 1,
     * else empty; the thoracic pair follows it only when a thoracic model answered.
     */
    static String success(String studyUid, String seriesUid, Verdict main, List<String> topPathologies,
                          Verdict thoracic, double seconds) {
        JsonArray top = new JsonArray();
        if (main.pathology() == 1) {
            topPathologies.stream().limit(TOP_PATHOLOGIES).forEach(top::add);
        }
        JsonObject o = new JsonObject().put("study_uid", studyUid).put("series_uid", seriesUid)
                .put("probability_of_pathology", main.probability()).put("pathology", main.pathology())
                .put("top_pathologies", top);
        if (thoracic != null) {
            o.put("probability_of_pathology_thoracic", thoracic.probability())
                    .put("pathology_thoracic", thoracic.pathology());
        }
        return o.put("processing_status", "Success").put("time_of_processing", seconds).encode();
    }

    /**
     * The names for top_pathologies: labels (best first) scoring at least {@code labelThreshold},
     * at most 3; the best label alone when none does (a study called abnormal always names one,
     * as the original's always did).
     */
    static List<String> topPathologies(List<LabelScore> labels, double labelThreshold) {
        List<String> names = labels.stream().filter(l -> l.score() >= labelThreshold).limit(TOP_PATHOLOGIES)
                .map(LabelScore::name).toList();
        return names.isEmpty() && !labels.isEmpty() ? List.of(labels.get(0).name()) : names;
    }

    /** The Failure body; {@code /predict_nifti} has {@code top_pathologies: []} where /predict has most_dangerous_pathology_type. */
    static String failure(boolean nifti, double seconds, String error) {
        JsonObject o = new JsonObject().put("study_uid", "").put("series_uid", "")
                .putNull("probability_of_pathology").putNull("pathology");
        if (nifti) {
            o.put("top_pathologies", new JsonArray());
        } else {
            o.putNull("most_dangerous_pathology_type");
        }
        return o.put("processing_status", "Failure").put("time_of_processing", seconds).put("error", error).encode();
    }

    /** Seconds, to the millisecond. */
    static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    /** A float32 model output as the number it prints as (0.87, not 0.8700000047683716). */
    static double asFloat32(double p) {
        return Double.parseDouble(Float.toString((float) p));
    }
}
