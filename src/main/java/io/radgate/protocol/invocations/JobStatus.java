package io.radgate.protocol.invocations;

import io.radgate.jobs.Job;
import io.radgate.jobs.JobState;
import io.vertx.core.json.JsonObject;

/** The answer of GET /invocations/{request_uuid}. */
final class JobStatus {
    private JobStatus() {
    }

    /**
     * {@code status}: queued, running, completed or failed (the result is known; delivery in
     * progress), delivered, or failed when delivery was given up ({@code delivery.given_up}).
     */
    static JsonObject of(Job job) {
        InvocationSpec spec = InvocationSpec.fromJson(job.spec());
        String status = job.state() == JobState.UNDELIVERED ? "failed" : job.state().wireName();
        JsonObject delivery = new JsonObject().put("attempts", job.deliveryAttempts())
                .put("given_up", job.state() == JobState.UNDELIVERED)
                .put("last_error", job.state().hasResult() ? job.lastError() : null);
        // while the job waits for Triton or storage, why it waits
        String waiting = job.state().hasResult() ? null : job.lastError();
        return new JsonObject().put("request_uuid", job.id()).put("status", status).put("last_error", waiting)
                .put("filename", spec.filename())
                .put("examination_id", spec.examinationId()).put("created_at", job.createdAt().toString())
                .put("updated_at", job.updatedAt().toString()).put("delivery", delivery)
                .put("result", job.result() == null ? null : new JsonObject(job.result()));
    }
}
