package io.radgate.protocol.invocations;

import io.radgate.core.CoreServices;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.http.BodyReader;
import io.radgate.http.FormFileUpload;
import io.radgate.http.RequestContext;
import io.radgate.http.RequestMemory;
import io.radgate.imaging.ImageFileFormat;
import io.radgate.jobs.IdempotencyKeyReused;
import io.radgate.jobs.Job;
import io.radgate.jobs.JobQueue;
import io.radgate.jobs.NewJob;
import io.radgate.webhook.WebhookAddressPolicy;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The handlers of the invocations routes; blocking work (DNS, storage, the job store) runs on workers. */
final class InvocationRoutes {
    static final String FIELD = "image";
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/tiff", "image/bmp", "image/jpg");
    static final String NOT_AN_IMAGE = "Cannot decode image data. Is content_type correct?";
    static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final Logger LOG = LoggerFactory.getLogger(InvocationRoutes.class);

    private final CoreServices services;
    private final InvocationsConfig config;
    private final WebhookAddressPolicy policy;
    private final BucketImages buckets;
    private final Supplier<JobQueue> queue;
    private final Path uploadDir = Path.of(System.getProperty("java.io.tmpdir"), "radgate-invocations");

    InvocationRoutes(CoreServices services, InvocationsConfig config, WebhookAddressPolicy policy,
                     ObjectStores stores, Supplier<JobQueue> queue) {
        this.services = services;
        this.config = config;
        this.policy = policy;
        this.buckets = new BucketImages(stores, config.maxObjects());
        this.queue = queue;
    }

    /** 200 when the model is ready on Triton, else 400 (the seed's codes); empty bodies. */
    void ping(RoutingContext ctx) {
        Future.fromCompletionStage(services.readiness().check(List.of(config.route().spec())),
                ctx.vertx().getOrCreateContext()).onComplete(ar -> {
                    boolean ready = ar.succeeded() && ar.result().ready();
                    ctx.response().setStatusCode(ready ? 200 : 400).end();
                });
    }

    /** POST /invocations: the form is received (to disk) first, as FastAPI does, then checked. */
    void upload(RoutingContext ctx) {
        RequestContext.model(ctx, config.route().spec());
        String ct = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (ct == null || !ct.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
            BodyReader.refuse(ctx, RadgateException.badInput(
                    "the body must be multipart/form-data with the image in the file field '" + FIELD + "'"));
            return;
        }
        long max = services.maxBodyBytes();
        RequestContext.bodyLimit(ctx, max);
        FormFileUpload.receive(ctx, FIELD, uploadDir, max).onComplete(ar -> {
            if (ar.failed()) {
                if (!(ar.cause() instanceof FormFileUpload.ClientGone)) {
                    ctx.fail(ar.cause());
                }
                return;
            }
            FormFileUpload.Received file = ar.result();
            if (file == null) {
                ctx.fail(RadgateException.badInput("the form has no file field '" + FIELD + "'"));
                return;
            }
            String webhook = ctx.request().getHeader("Webhook-Url");
            String exam = ctx.request().getHeader("Examination-ID");
            String paramsHeader = ctx.request().getHeader("Inference-Parameters");
            blocking(ctx, () -> {
                String key = idempotencyKey(ctx);
                checkWebhook(webhook);
                String type = file.contentType() == null ? "" : file.contentType().trim().toLowerCase(java.util.Locale.ROOT);
                if (!IMAGE_TYPES.contains(type)) {
                    return null; // 415, answered below
                }
                InferenceParameters params = InferenceParameters.parse(paramsHeader);
                RequestMemory.lease(ctx, services.memory()).claim(file.size(), "an upload");
                byte[] image = Files.readAllBytes(file.file());
                if (image.length > services.imagingLimits().maxFileBytes()) {
                    throw new RadgateException(ErrorKind.TOO_LARGE, "the image is larger than "
                            + services.imagingLimits().maxFileBytes() + " bytes (imaging.max-file-bytes)");
                }
                ImageFileFormat.require(image);
                String id = UUID.randomUUID().toString();
                String name = file.fileName();
                InvocationSpec spec = new InvocationSpec(InvocationSpec.UPLOAD, null, null, name, webhook, exam,
                        params.json(), config.route().spec(), null, null);
                String answer = InvocationBodies.sent(name, id, exam).encode();
                String fingerprint = Fingerprint.of("invocations", webhook, exam, params.json(), name,
                        Fingerprint.of(image));
                return submit(List.of(new NewJob(id, InvocationJobs.KIND, spec.toJson(), image)), key, fingerprint,
                        answer);
            }).onSuccess(answer -> {
                if (answer == null) {
                    ctx.response().setStatusCode(415).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                            .end(NOT_AN_IMAGE);
                } else {
                    json(ctx, answer);
                }
            });
        });
    }

    /** POST /bucket_invocations(_azure_uae): one job per image object under the prefix. */
    void bucket(RoutingContext ctx, String source) {
        RequestContext.model(ctx, config.route().spec());
        ctx.request().handler(b -> { }).resume(); // these routes take no body: any is read and dropped
        boolean azure = InvocationSpec.AZURE.equals(source);
        String webhook = ctx.request().getHeader("Webhook-Url");
        String exam = ctx.request().getHeader("Examination-ID");
        String location = ctx.request().getHeader("Input-Location");
        String paramsHeader = ctx.request().getHeader("Inference-Parameters");
        String writeHeader = ctx.request().getHeader("Write-To-GCS");
        String inputBucket = orElse(ctx.request().getHeader("Input-Bucket-Name"),
                azure ? config.azureInputContainer() : config.gcsInputBucket());
        String outputBucket = orElse(ctx.request().getHeader("Output-Bucket-Name"),
                azure ? config.azureOutputBucket() : config.gcsOutputBucket());
        blocking(ctx, () -> {
            String key = idempotencyKey(ctx);
            checkWebhook(webhook);
            if (location == null || location.isEmpty()) {
                throw RadgateException.badInput("the Input-Location header (the object prefix) is required");
            }
            if (inputBucket.isEmpty()) {
                throw RadgateException.badInput("no input bucket: send Input-Bucket-Name or configure "
                        + (azure ? "invocations.azure.input-container" : "invocations.gcs.input-bucket"));
            }
            boolean write = WriteFlag.parse(writeHeader);
            if (write && outputBucket.isEmpty()) {
                throw RadgateException.badInput("Write-To-GCS is true but there is no output bucket: send "
                        + "Output-Bucket-Name or configure " + (azure ? "invocations.azure.output-bucket"
                        : "invocations.gcs.output-bucket"));
            }
            InferenceParameters params = InferenceParameters.parse(paramsHeader);
            List<String> names = buckets.find(source, inputBucket, location, params.sliceSuffixes());
            if (azure && names.isEmpty()) {
                throw RadgateException.badInput("No images found");
            }
            BucketJobs jobs = BucketJobs.of(source, inputBucket, names, webhook, exam, params.json(),
                    config.route().spec(), write ? outputBucket : null, config.outputFolder());
            String fingerprint = Fingerprint.of(source, webhook, exam, params.json(), inputBucket, location,
                    String.valueOf(write), write ? outputBucket : "");
            return submit(jobs.jobs(), key, fingerprint, jobs.answer().encode());
        }).onSuccess(answer -> json(ctx, answer));
    }

    /** GET /invocations/{request_uuid}: the job's state and, while retained, its result. */
    void status(RoutingContext ctx) {
        String id = ctx.pathParam("request_uuid");
        try {
            if (!UUID.fromString(id).toString().equals(id)) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            ctx.fail(RadgateException.badInput("not a request_uuid: " + (id.length() > 64 ? id.substring(0, 64) : id)));
            return;
        }
        blocking(ctx, () -> queue.get().find(id).map(JobStatus::of).orElseThrow(() ->
                new RadgateException(ErrorKind.NOT_FOUND, "no job " + id + " (unknown, or older than the retention)")))
                .onSuccess(body -> json(ctx, body.encode()));
    }

    private String submit(List<NewJob> jobs, String key, String fingerprint, String answer) throws SQLException {
        try {
            JobQueue.Submitted s = queue.get().submit(jobs, key, fingerprint, answer);
            if (s.repeated()) {
                LOG.info("Idempotency-Key repeated: the earlier answer is returned, nothing submitted");
            }
            return s.answer();
        } catch (IdempotencyKeyReused e) {
            throw new RadgateException(ErrorKind.UNPROCESSABLE, e.getMessage());
        }
    }

    private void checkWebhook(String url) {
        if (url == null || url.isBlank()) {
            throw RadgateException.badInput("the Webhook-Url header is required");
        }
        policy.check(url);
    }

    private String idempotencyKey(RoutingContext ctx) {
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY) {
            throw RadgateException.badInput("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return ctx.request().path() + " " + key;
    }

    /** Runs {@code work} on a worker; its failure fails the request (after the body, if any, is read). */
    private <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
        Future<T> f = Future.fromCompletionStage(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (SQLException e) {
                LOG.warn("job store failed: {}", e.getMessage());
                throw RadgateException.unavailable("the job store is unavailable; nothing was submitted, retry later");
            } catch (IOException e) {
                throw RadgateException.unavailable("the upload could not be read back: " + e.getMessage());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, services.blocking()), ctx.vertx().getOrCreateContext());
        return f.onFailure(e -> ctx.fail(e instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause() : e));
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    private static String orElse(String header, String configured) {
        return header == null || header.isBlank() ? configured : header.trim();
    }
}
