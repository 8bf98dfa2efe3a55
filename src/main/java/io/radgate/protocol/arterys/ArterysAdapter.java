package io.radgate.protocol.arterys;

import io.radgate.config.Setting;
import io.radgate.config.SettingReader;
import io.radgate.core.CoreServices;
import io.radgate.error.RadgateException;
import io.radgate.http.BodyReader;
import io.radgate.http.BufferInputStream;
import io.radgate.http.ErrorBody;
import io.radgate.http.ProtocolAdapter;
import io.radgate.http.RequestContext;
import io.radgate.http.RequestMemory;
import io.radgate.imaging.DecodeAllowance;
import io.radgate.imaging.DicomReader;
import io.radgate.observability.LogContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arterys "Inference model integration SDK" (PROTOCOLS.md §1): {@code POST /} takes a
 * multipart/related study (part 0 JSON, then DICOM files) and answers multipart/related with
 * json-body, elem_i and hashes; {@code /healthcheck} says READY only when its models are;
 * {@code /ping} answers as the original. Errors are plain text.
 */
public final class ArterysAdapter implements ProtocolAdapter {
    static final String NAME = "arterys";
    static final String PING = "inference-service is up and accepting connections";
    static final String READY = "READY";
    private static final Logger LOG = LoggerFactory.getLogger(ArterysAdapter.class);

    /** Arterys errors: the message as text (the original answers text/html strings). */
    static final ErrorBody TEXT = (ctx, f) -> ctx.response()
            .putHeader("Content-Type", "text/plain; charset=utf-8").end(f.message());

    private final CoreServices services;
    private final int port;
    private final ArterysRoutes routes;
    private final ArterysInference inference;
    private final DicomReader reader;
    private final int maxParts;

    private ArterysAdapter(CoreServices services, int port, ArterysRoutes routes) {
        this.services = services;
        this.port = port;
        this.routes = routes;
        this.inference = new ArterysInference(services.pipeline(), routes);
        this.reader = new DicomReader(services.imagingLimits());
        this.maxParts = services.settings().intIn(Setting.ARTERYS_MAX_PARTS, 1, Integer.MAX_VALUE);
    }

    /** The adapter when {@code arterys.enabled}; its models and default command from {@code arterys.*}. */
    public static Optional<ProtocolAdapter> create(CoreServices services) {
        SettingReader s = services.settings();
        if (!s.bool(Setting.ARTERYS_ENABLED)) {
            return Optional.empty();
        }
        return Optional.of(new ArterysAdapter(services, s.port(Setting.ARTERYS_PORT), ArterysRoutes.from(s)));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<RouteKey> routes() {
        return List.of(new RouteKey(HttpMethod.POST, "/"),
                new RouteKey(HttpMethod.GET, "/healthcheck"), new RouteKey(HttpMethod.POST, "/healthcheck"),
                new RouteKey(HttpMethod.GET, "/ping"), new RouteKey(HttpMethod.POST, "/ping"));
    }

    @Override
    public void describe(RoutingContext ctx) {
        RequestContext.protocol(ctx, NAME);
        ctx.put(ErrorBody.KEY, TEXT);
    }

    @Override
    public void mount(Router router) {
        Handler<RoutingContext> setup = ctx -> {
            describe(ctx);
            ctx.next();
        };
        for (HttpMethod m : List.of(HttpMethod.GET, HttpMethod.POST)) {
            router.route(m, "/ping").handler(setup).handler(ctx -> text(ctx, PING));
            router.route(m, "/healthcheck").handler(setup).handler(this::healthcheck);
        }
        router.post("/").handler(setup).handler(ctx -> {
            String ct = ctx.request().getHeader("Content-Type");
            if (!ArterysRequestReader.isMultipartRelated(ct)) {
                BodyReader.refuse(ctx, RadgateException.badInput("invalid content-type " + ct));
                return;
            }
            ctx.next();
        }).handler(services.bodyReader(BODY_WEIGHT)).handler(this::infer); // bounded before any parsing
    }

    /**
     * 200 in both cases, by the protocol's own contract: the SDK's README says /healthcheck
     * answers 200 with body READY when ready and 200 with any other body when not, and the SDK's
     * test harness (tests/mock_server_test_case.py) counts any HTTP response as "up" and never
     * checks READY (shared/PROTOCOLS.md section 1.1 and the test-harness notes). A 503 would
     * contradict that contract, so the truth is in the body: READY, or "NOT READY: " and plain
     * reasons (no exception text, see Readiness).
     */
    private void healthcheck(RoutingContext ctx) {
        Future.fromCompletionStage(services.readiness().check(routes.models()), ctx.vertx().getOrCreateContext())
                .onSuccess(r -> text(ctx, r.ready() ? READY : "NOT READY: " + String.join("; ", r.problems())))
                .onFailure(ctx::fail);
    }

    /** Memory per body byte while an inference runs: the body and its parts copied out of it. */
    static final int BODY_WEIGHT = 2;

    private void infer(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        Buffer buffer = ctx.body().buffer();
        LogContext log = RequestContext.log(ctx);
        DecodeAllowance decoding = new DecodeAllowance(services.imagingLimits().maxDecodedBytes(),
                RequestMemory.lease(ctx, services.memory())::claim);
        CompletableFuture<ArterysResponseWriter.Rendered> done = CompletableFuture.supplyAsync(() -> {
            ArterysRequestReader.Request request = ArterysRequestReader.read(contentType, new BufferInputStream(buffer),
                    services.imagingLimits().maxFileBytes(), maxParts);
            log.put("input_hash", request.inputHash());
            ArterysJob job = decoding.during(() -> ArterysJob.prepare(request, routes, reader));
            log.put(LogContext.MODEL, routes.route(job.command()).spec()).put("inference_command", job.command().wire());
            return job;
        }, services.blocking()).thenCompose(job -> inference.run(job).thenApplyAsync(result -> {
            ArterysResponseWriter.Rendered r = ArterysResponseWriter.render(result.json(), result.binaries(),
                    job.inputHash());
            log.put("output_hash", r.outputHash());
            log.log(() -> LOG.info("arterys inference done: {} instance(s), {} frame(s), {} part(s)",
                    job.instances().size(), job.frames().size(), result.binaries().size()));
            return r;
        }, services.blocking()));
        Future.fromCompletionStage(done, ctx.vertx().getOrCreateContext())
                .onSuccess(r -> ctx.response().putHeader("Content-Type", r.contentType()).end(Buffer.buffer(r.body())))
                .onFailure(t -> ctx.fail(unwrap(t)));
    }

    /**
     * The failure itself, out of the future's wrappers. An oversized 3D mask is a typed
     * TOO_LARGE where it arises (ArterysInference.volumeBytes); any other exception, an
     * ArithmeticException included, is a defect and answers 503 (Failure).
     */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static void text(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(body);
    }
}
