package io.radgate.protocol.invocations;

import io.radgate.config.Setting;
import io.radgate.core.CoreServices;
import io.radgate.core.PolylineInference;
import io.radgate.http.ErrorBody;
import io.radgate.http.ProtocolAdapter;
import io.radgate.http.RequestContext;
import io.radgate.jobs.JobDatabase;
import io.radgate.jobs.JobQueue;
import io.radgate.webhook.RetrySchedule;
import io.radgate.webhook.StandardWebhookSigner;
import io.radgate.webhook.WebhookAddressPolicy;
import io.radgate.webhook.WebhookSender;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The invocations gateway (seed 001, PROTOCOLS.md §2): {@code GET /ping}, {@code POST
 * /invocations} (an uploaded image), {@code POST /bucket_invocations} (GCS) and {@code
 * /bucket_invocations_azure_uae} (Azure Blob in, GCS out), answered "sent" once each image's job
 * is committed to the job store; results go to the webhook (and the output bucket) from the job
 * queue. Beyond the original: {@code GET /invocations/{request_uuid}} and Idempotency-Key.
 */
public final class InvocationsAdapter implements ProtocolAdapter {
    static final String NAME = "invocations";
    /** Where the route's Examination-ID is kept for its error body. */
    static final String EXAMINATION_ID = "invocations.examinationId";

    /** Errors of /invocations: {@code {"message", "status": "error", "examination_id"}}. */
    static final ErrorBody MESSAGE = (ctx, f) -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(new JsonObject().put("message", f.message()).put("status", "error")
                    .put("examination_id", (String) ctx.get(EXAMINATION_ID)).encode());
    /** Errors of the bucket routes: {@code {"error", "examination_id"}}. */
    static final ErrorBody ERROR = (ctx, f) -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(new JsonObject().put("error", f.message())
                    .put("examination_id", (String) ctx.get(EXAMINATION_ID)).encode());

    private final CoreServices services;
    private final InvocationsConfig config;
    private final WebhookAddressPolicy policy;
    private final ObjectStores stores;
    private JobDatabase db;
    private JobQueue queue;
    private WebhookSender sender;

    InvocationsAdapter(CoreServices services, InvocationsConfig config) {
        this.services = services;
        this.config = config;
        this.policy = new WebhookAddressPolicy(config.webhookAllow());
        this.stores = new ObjectStores(config);
    }

    /** The adapter when {@code invocations.enabled} is true, else empty. */
    public static Optional<ProtocolAdapter> create(CoreServices services) {
        if (!services.settings().bool(Setting.INVOCATIONS_ENABLED)) {
            return Optional.empty();
        }
        return Optional.of(new InvocationsAdapter(services, InvocationsConfig.from(services.settings())));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int port() {
        return config.port();
    }

    @Override
    public List<RouteKey> routes() {
        return List.of(new RouteKey(HttpMethod.GET, "/ping"), new RouteKey(HttpMethod.POST, "/invocations"),
                new RouteKey(HttpMethod.GET, "/invocations/:request_uuid"),
                new RouteKey(HttpMethod.POST, "/bucket_invocations"),
                new RouteKey(HttpMethod.POST, "/bucket_invocations_azure_uae"));
    }

    @Override
    public void describe(io.vertx.ext.web.RoutingContext ctx) {
        ctx.put(ErrorBody.KEY, ctx.request().path().startsWith("/bucket_") ? ERROR : MESSAGE);
        RequestContext.protocol(ctx, NAME);
        ctx.put(EXAMINATION_ID, ctx.request().getHeader("Examination-ID"));
    }

    @Override
    public void mount(Router router) {
        InvocationRoutes routes = new InvocationRoutes(services, config, policy, stores, () -> queue);
        for (String path : List.of("/ping", "/invocations", "/invocations/:request_uuid")) {
            router.route(path).handler(ErrorBody.use(MESSAGE)).handler(ctx -> {
                RequestContext.protocol(ctx, NAME);
                ctx.put(EXAMINATION_ID, ctx.request().getHeader("Examination-ID"));
                ctx.next();
            });
        }
        for (String path : List.of("/bucket_invocations", "/bucket_invocations_azure_uae")) {
            router.route(path).handler(ErrorBody.use(ERROR)).handler(ctx -> {
                RequestContext.protocol(ctx, NAME);
                ctx.put(EXAMINATION_ID, ctx.request().getHeader("Examination-ID"));
                ctx.next();
            });
        }
        router.get("/ping").handler(routes::ping);
        router.post("/invocations").handler(routes::upload);
        router.get("/invocations/:request_uuid").handler(routes::status);
        router.post("/bucket_invocations").handler(ctx -> routes.bucket(ctx, InvocationSpec.GCS));
        router.post("/bucket_invocations_azure_uae").handler(ctx -> routes.bucket(ctx, InvocationSpec.AZURE));
    }

    /** Opens the job store (migrating its schema), then starts the job workers. */
    @Override
    public void start(Vertx vertx) {
        InvocationsConfig.Jobs j = config.jobs();
        int pool = j.workers() + 4; // workers, housekeeping, and the routes' submits
        db = j.store().equals("postgres") ? JobDatabase.postgres(j.postgresUrl(), pool)
                : JobDatabase.embedded(j.path(), pool);
        StandardWebhookSigner signer = new StandardWebhookSigner(config.webhookSecret());
        sender = new WebhookSender(vertx, policy, signer, config.connectTimeout(), config.webhookTimeout(),
                config.webhookTimeout(), null);
        RetrySchedule retry = new RetrySchedule(Duration.ofSeconds(1), Duration.ofHours(1), config.retryHorizon(),
                new Random());
        InvocationJobs jobs = new InvocationJobs(new PolylineInference(services.pipeline()), services.imagingLimits(),
                stores, sender);
        queue = new JobQueue(db, jobs, retry::next, new JobQueue.Options(j.workers(), j.poll(), j.heartbeat(),
                j.retention(), Duration.ofSeconds(30), Duration.ofSeconds(10)), Clock.systemUTC());
        queue.start();
        JobGauges.register(services.metrics().registry(), queue);
    }

    @Override
    public void close() {
        if (queue != null) {
            queue.close();
        }
        if (sender != null) {
            sender.close();
        }
        stores.close();
        if (db != null) {
            db.close();
        }
    }
}
