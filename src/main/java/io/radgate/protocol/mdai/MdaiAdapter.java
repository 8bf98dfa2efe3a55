package io.radgate.protocol.mdai;

import io.radgate.config.Setting;
import io.radgate.core.CoreServices;
import io.radgate.core.Image2d;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.http.BodyReader;
import io.radgate.http.ErrorBody;
import io.radgate.http.ProtocolAdapter;
import io.radgate.http.RequestContext;
import io.radgate.http.RequestMemory;
import io.radgate.imaging.DecodeAllowance;
import io.radgate.post.LabelScore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MD.ai's model deployment interface (PROTOCOLS.md §3): {@code POST /inference} with a msgpack
 * body, {@code GET /healthz}, {@code /ready} (503 until the configured model is ready) and
 * {@code /version} ({@code 0.3}, no Content-Type). Failures are {@code {"detail": ...}}.
 */
public final class MdaiAdapter implements ProtocolAdapter {
    static final String NAME = "mdai";
    static final String VERSION = "0.3";
    static final String MSGPACK = "application/msgpack";
    private static final Logger LOG = LoggerFactory.getLogger(MdaiAdapter.class);

    /** FastAPI's HTTPException shape. */
    static final ErrorBody DETAIL = (ctx, f) -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(new JsonObject().put("detail", f.message()).encode());

    private final CoreServices services;
    private final MdaiConfig config;

    MdaiAdapter(CoreServices services, MdaiConfig config) {
        this.services = services;
        this.config = config;
    }

    /** The adapter when {@code mdai.enabled} is true, else empty. */
    public static Optional<ProtocolAdapter> create(CoreServices services) {
        if (!services.settings().bool(io.radgate.config.Setting.MDAI_ENABLED)) {
            return Optional.empty();
        }
        return Optional.of(new MdaiAdapter(services, MdaiConfig.from(services.settings())));
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
        return List.of(new RouteKey(HttpMethod.POST, "/inference"), new RouteKey(HttpMethod.GET, "/healthz"),
                new RouteKey(HttpMethod.GET, "/ready"), new RouteKey(HttpMethod.GET, "/version"));
    }

    @Override
    public void describe(io.vertx.ext.web.RoutingContext ctx) {
        ctx.put(ErrorBody.KEY, DETAIL);
        RequestContext.protocol(ctx, NAME);
    }

    @Override
    public void mount(Router router) {
        for (String path : List.of("/inference", "/healthz", "/ready", "/version")) {
            router.route(path).handler(ErrorBody.use(DETAIL)).handler(ctx -> {
                RequestContext.protocol(ctx, NAME);
                ctx.next();
            });
        }
        router.get("/healthz").handler(ctx -> ctx.response().setStatusCode(200).end());
        router.get("/ready").handler(this::ready);
        router.get("/version").handler(ctx -> {
            ctx.response().headersEndHandler(v -> ctx.response().headers().remove(HttpHeaders.CONTENT_TYPE));
            ctx.response().setStatusCode(200).end(VERSION);
        });
        router.post("/inference").handler(ctx -> {
            // MD.ai's server compares the header exactly: parameters (charset) are refused too
            if (!MSGPACK.equals(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                BodyReader.refuse(ctx, RadgateException.badInput("Bad Request"));
                return;
            }
            ctx.next();
        }).handler(services.bodyReader(BODY_WEIGHT)).handler(this::inference);
    }

    private void ready(RoutingContext ctx) {
        Future.fromCompletionStage(services.readiness().check(List.of(config.route().spec())),
                        ctx.vertx().getOrCreateContext())
                .onSuccess(report -> {
                    if (!report.ready()) {
                        RequestContext.log(ctx).log(() -> LOG.info("not ready: {}", report.problems()));
                    }
                    ctx.response().setStatusCode(report.ready() ? 200 : 503).end();
                })
                .onFailure(ctx::fail);
    }

    /** Memory per body byte while an inference runs: the body, its one copy for msgpack and the files unpacked from it. */
    static final int BODY_WEIGHT = 3;

    private void inference(RoutingContext ctx) {
        RequestContext.model(ctx, config.route().spec());
        Buffer buffer = ctx.body().buffer();
        DecodeAllowance decoding = new DecodeAllowance(services.imagingLimits().maxDecodedBytes(),
                RequestMemory.lease(ctx, services.memory())::claim);
        CompletableFuture<byte[]> result = CompletableFuture
                .supplyAsync(() -> decoding.during(() -> prepare(buffer)), services.blocking())
                .thenCompose(this::run)
                .thenApplyAsync(Msgpack::pack, services.blocking());
        Future.fromCompletionStage(result, ctx.vertx().getOrCreateContext())
                .onSuccess(bytes -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, MSGPACK)
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    /** A parsed request and its decoded images, grouped by scope. */
    private record Prepared(MdaiRequest request, List<MdaiImages.Group> groups) {
        List<Image2d> images() {
            List<Image2d> all = new ArrayList<>();
            groups.forEach(g -> g.images().forEach(im -> all.add(im.image())));
            return all;
        }
    }

    private Prepared prepare(Buffer body) {
        MdaiRequest request = MdaiRequest.parse(Msgpack.unpack(body == null ? new byte[0] : body.getBytes()));
        if (request.files().size() > config.maxFiles()) {
            throw new RadgateException(ErrorKind.TOO_LARGE, "'files' has " + request.files().size()
                    + " entries; at most " + config.maxFiles() + " (" + Setting.MDAI_MAX_FILES.key() + ")");
        }
        List<MdaiImages.MdaiImage> images = MdaiImages.decode(request.files(), services.imagingLimits());
        return new Prepared(request, MdaiImages.group(images, config.scope()));
    }

    private CompletableFuture<List<Map<String, Object>>> run(Prepared p) {
        LabelClasses labels = p.request().labelClasses();
        if (config.output() == MdaiConfig.Output.CLASSIFICATION) {
            List<CompletableFuture<List<LabelScore>>> each = new ArrayList<>();
            for (Image2d image : p.images()) {
                each.add(services.pipeline().classify(config.route(), image));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApplyAsync(v ->
                    MdaiOutputs.fromScores(p.groups(), each.stream().map(CompletableFuture::join).toList(), labels),
                    services.blocking());
        }
        return services.pipeline().segment(config.route(), p.images(), p.request().argsJson())
                .thenApplyAsync(masks -> MdaiOutputs.fromMasks(p.groups(), masks, config.output(), labels),
                        services.blocking());
    }
}
