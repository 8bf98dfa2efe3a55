package io.radgate.protocol.invocations;

import io.vertx.core.json.JsonObject;

/**
 * What one invocation job runs on and where its result goes, as stored with the job.
 *
 * @param source       {@code upload} (the image is the job's payload), {@code gcs} or {@code azure}
 * @param bucket       the input bucket or container (bucket sources)
 * @param object       the input object's name (bucket sources)
 * @param filename     the name echoed to the client: the upload's file name or the object name
 * @param params       Inference-Parameters as the model receives them (JSON text)
 * @param resultBucket GCS bucket the result is written to, null when Write-To-GCS is off
 * @param resultPath   {@code <output folder>/<request_uuid>.json}, null when Write-To-GCS is off
 */
record InvocationSpec(String source, String bucket, String object, String filename, String webhookUrl,
                      String examinationId, String params, String model, String resultBucket, String resultPath) {
    static final String UPLOAD = "upload";
    static final String GCS = "gcs";
    static final String AZURE = "azure";

    String toJson() {
        return new JsonObject().put("source", source).put("bucket", bucket).put("object", object)
                .put("filename", filename).put("webhook_url", webhookUrl).put("examination_id", examinationId)
                .put("params", params).put("model", model).put("result_bucket", resultBucket)
                .put("result_path", resultPath).encode();
    }

    static InvocationSpec fromJson(String json) {
        JsonObject o = new JsonObject(json);
        return new InvocationSpec(o.getString("source"), o.getString("bucket"), o.getString("object"),
                o.getString("filename"), o.getString("webhook_url"), o.getString("examination_id"),
                o.getString("params"), o.getString("model"), o.getString("result_bucket"), o.getString("result_path"));
    }
}
