package io.radgate.protocol.invocations;

import io.radgate.core.PolylineInference;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Seed 001's JSON bodies: immediate answers, webhook bodies (§2.2) and the job status answer. */
final class InvocationBodies {
    private InvocationBodies() {
    }

    static JsonObject sent(String filename, String requestUuid, String examinationId) {
        return new JsonObject().put("filename", filename).put("status", "sent").put("request_uuid", requestUuid)
                .put("examination_id", examinationId);
    }

    static JsonObject bucketSent(List<String> filenames, List<String> uuids, List<String> resultPaths,
                                 String examinationId) {
        return new JsonObject().put("filename", new JsonArray(filenames)).put("request_uuid", new JsonArray(uuids))
                .put("result_path", new JsonArray(resultPaths)).put("examination_id", examinationId)
                .put("status", "sent");
    }

    static JsonObject completed(String requestUuid, String filename, int height, int width,
                                PolylineInference.Polyline line) {
        JsonObject instance = new JsonObject().put("type", "polyline").put("points", points(line.points()))
                .put("className", line.className()).put("classId", line.classId()).put("probability", 100)
                .put("attributes", new JsonArray());
        JsonObject output = new JsonObject()
                .put("metadata", new JsonObject().put("height", height).put("width", width))
                .put("instances", new JsonArray().add(instance));
        return new JsonObject().put("id", requestUuid).put("status", "COMPLETED").put("output", output)
                .put("filename", filename);
    }

    static JsonObject failed(String requestUuid, String filename, String error) {
        return new JsonObject().put("id", requestUuid).put("status", "FAILED").put("error", error)
                .put("filename", filename);
    }

    /** [[x, y], ...] as the model's FP32 values. */
    static JsonArray points(List<double[]> points) {
        JsonArray out = new JsonArray();
        for (double[] p : points) {
            out.add(new JsonArray().add((float) p[0]).add((float) p[1]));
        }
        return out;
    }
}
