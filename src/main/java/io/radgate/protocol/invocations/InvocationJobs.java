package io.radgate.protocol.invocations;

import io.radgate.core.ModelRoute;
import io.radgate.core.PolylineInference;
import io.radgate.error.ErrorKind;
import io.radgate.error.PublicText;
import io.radgate.error.RadgateException;
import io.radgate.imaging.ImageFileGray;
import io.radgate.imaging.ImagingLimits;
import io.radgate.imaging.Raster;
import io.radgate.jobs.Job;
import io.radgate.jobs.JobHandler;
import io.radgate.jobs.JobState;
import io.radgate.observability.ClientNames;
import io.radgate.observability.LogContext;
import io.radgate.webhook.WebhookSender;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs invocation jobs: the image (the job's payload, or the bucket object) decoded to 8-bit
 * gray as cv2.imdecode would, the polyline model on Triton, the result written to the output
 * bucket when asked, then POSTed to the webhook. Triton or storage being unavailable is a
 * transient failure (the job waits and runs again); anything else is the job's FAILED result.
 */
final class InvocationJobs implements JobHandler {
    static final String KIND = "invocation";
    private static final Logger LOG = LoggerFactory.getLogger(InvocationJobs.class);

    private final PolylineInference inference;
    private final ImagingLimits limits;
    private final ObjectStores stores;
    private final WebhookSender sender;

    InvocationJobs(PolylineInference inference, ImagingLimits limits, ObjectStores stores, WebhookSender sender) {
        this.inference = inference;
        this.limits = limits;
        this.stores = stores;
        this.sender = sender;
    }

    @Override
    public Result run(Job job) {
        InvocationSpec spec = InvocationSpec.fromJson(job.spec());
        JsonObject body;
        Object written;
        try {
            byte[] image = InvocationSpec.UPLOAD.equals(spec.source()) ? job.payload()
                    : stores.of(spec.source()).read(spec.bucket(), spec.object(), limits.maxFileBytes());
            Raster gray = ImageFileGray.decode(image, limits);
            PolylineInference.Polyline line = inference.run(ModelRoute.parse(spec.model(),
                    ModelRoute.Preparation.AS_IS, 0), gray, spec.params()).join();
            body = InvocationBodies.completed(job.id(), spec.filename(), gray.height(), gray.width(), line);
            written = InvocationBodies.points(line.points());
        } catch (RuntimeException e) {
            RadgateException failure = unwrap(e);
            if (transientKind(failure.kind())) {
                throw new RetryLater(failure.getMessage());
            }
            body = InvocationBodies.failed(job.id(), spec.filename(), failure.getMessage());
            written = new JsonObject().put("error", failure.getMessage());
        }
        writeResult(spec, written);
        return new Result("COMPLETED".equals(body.getString("status")), body.encode());
    }

    /** Write-To-GCS: the model output (or the error) as JSON at {@code <folder>/<request_uuid>.json}. */
    private void writeResult(InvocationSpec spec, Object content) {
        if (spec.resultBucket() == null) {
            return;
        }
        try {
            stores.gcs().write(spec.resultBucket(), spec.resultPath(),
                    content.toString().getBytes(StandardCharsets.UTF_8), "application/json");
        } catch (RuntimeException e) {
            RadgateException failure = unwrap(e);
            if (transientKind(failure.kind())) {
                throw new RetryLater("writing the result to GCS: " + failure.getMessage());
            }
            LOG.warn("result of a job not written to gs://{}/{}: {}", spec.resultBucket(), spec.resultPath(),
                    failure.getMessage());
        }
    }

    @Override
    public Result gaveUp(Job job, String lastError) {
        InvocationSpec spec = InvocationSpec.fromJson(job.spec());
        String error = "gave up after retrying: " + lastError;
        try {
            writeResult(spec, new JsonObject().put("error", error));
        } catch (RetryLater e) {
            LOG.warn("error result of job {} not written: {}", job.id(), e.getMessage());
        }
        return new Result(false, InvocationBodies.failed(job.id(), spec.filename(), error).encode());
    }

    @Override
    public JobHandler.Delivery deliver(Job job, String document) {
        InvocationSpec spec = InvocationSpec.fromJson(job.spec());
        io.radgate.webhook.Delivery d = sender.send(spec.webhookUrl(), job.id(),
                document.getBytes(StandardCharsets.UTF_8)).join();
        Outcome outcome = switch (d.outcome()) {
            case DELIVERED -> Outcome.DELIVERED;
            case RETRY -> Outcome.RETRY;
            case GONE, REFUSED -> Outcome.GONE;
        };
        return new JobHandler.Delivery(outcome, d.detail());
    }

    /** One JSON line per state change (§2.4): model, examination_id, status, filename, request_uuid, error. */
    @Override
    public void changed(Job job, JobState state, String error) {
        InvocationSpec spec = InvocationSpec.fromJson(job.spec());
        String status = switch (state) {
            case COMPLETED, FAILED -> error == null ? state.name() : "ERROR";
            case UNDELIVERED -> "ERROR";
            default -> state.name();
        };
        String message = error == null ? null : PublicText.of(error);
        LogContext fields = new LogContext().put(LogContext.PROTOCOL, InvocationsAdapter.NAME)
                .put(LogContext.MODEL, spec.model()).put("examination_id", spec.examinationId())
                .put("status", status).put("filename", ClientNames.forLog(spec.filename()))
                .put("request_uuid", job.id()).put("error", message);
        if ("ERROR".equals(status)) {
            fields.log(() -> LOG.warn(state == JobState.UNDELIVERED ? "webhook delivery given up"
                    : "webhook delivery failed, will retry"));
        } else {
            fields.log(() -> LOG.info("job {}", state.wireName()));
        }
    }

    private static boolean transientKind(ErrorKind kind) {
        return kind == ErrorKind.UNAVAILABLE || kind == ErrorKind.DEADLINE;
    }

    private static RadgateException unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RadgateException r) {
            return r;
        }
        // a defect, not an outage: retrying would not help, so the job fails (and says no more than this)
        LOG.warn("job failed unexpectedly: {}", t.toString());
        return new RadgateException(ErrorKind.UNPROCESSABLE, "internal error (" + t.getClass().getSimpleName() + ")");
    }
}
