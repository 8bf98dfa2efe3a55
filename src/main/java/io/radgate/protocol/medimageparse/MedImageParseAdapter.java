package io.radgate.protocol.medimageparse;

import io.radgate.config.Setting;
import io.radgate.config.SettingReader;
import io.radgate.core.CoreServices;
import io.radgate.core.ModelRoute;
import io.radgate.core.PromptedSegmentation;
import io.radgate.error.RadgateException;
import io.radgate.http.BodyReader;
import io.radgate.http.BufferInputStream;
import io.radgate.http.ErrorBody;
import io.radgate.http.MemoryBudget;
import io.radgate.http.ProtocolAdapter;
import io.radgate.http.RequestContext;
import io.radgate.http.RequestMemory;
import io.radgate.imaging.DecodeAllowance;
import io.radgate.imaging.ImageFileGray;
import io.radgate.imaging.ImagingLimits;
import io.radgate.post.MaskThresholds;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Azure AI Foundry MedImageParse online endpoint (PROTOCOLS.md §5): {@code POST /score}
 * with a bearer key, JSON rows of base64 PNG + prompts, answered by a text-prompted segmenter on
 * Triton (all rows in one batch) with one mask per prompt in the 1024 × 1024 model space the
 * clients map back themselves.
 *
 * <p>Errors: {@code application/json} {@code {"message": "..."}} (Azure ML endpoints' error
 * shape) with the status of radgate's error table: 400 bad input, 401 no or wrong key, 413 body
 * or image over the limits, 415 not an image radgate decodes, 503/504 upstream.
 * {@code azureml-model-deployment} is accepted and ignored: one route is configured.
 */
public final class MedImageParseAdapter implements ProtocolAdapter {
    static final String NAME = "medimageparse";
    static final String PATH = "/score";
    /** MedImageParse's model input side; masks come back at this size. */
    static final int SIZE = 1024;
    /**
     * Copies of the masks alive while an answer is made: Triton's reply, the masks, their 0/255
     * form and the base64 JSON text (4/3 each) with its response buffer.
     */
    static final int ANSWER_COPIES = 6;

    static final ErrorBody ERROR_BODY = (ctx, f) -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("message", f.message()).encode());

    private final int port;
    private final ModelRoute route;
    private final BearerKeys keys;
    private final CoreServices services;
    private final PromptedSegmentation segmentation;
    private final ScoreRequest.Bounds bounds;

    private MedImageParseAdapter(CoreServices services) {
        SettingReader s = services.settings();
        this.port = s.port(Setting.MEDIMAGEPARSE_PORT);
        this.route = ModelRoute.parse(s.nonEmpty(Setting.MEDIMAGEPARSE_MODEL), ModelRoute.Preparation.PAD_THEN_RESIZE,
                SIZE);
        this.keys = new BearerKeys(s.bool(Setting.MEDIMAGEPARSE_AUTH), s.list(Setting.MEDIMAGEPARSE_KEYS));
        this.services = services;
        this.segmentation = new PromptedSegmentation(services.pipeline());
        this.bounds = new ScoreRequest.Bounds(s.intIn(Setting.MEDIMAGEPARSE_MAX_MASKS, 1, 4096),
                s.intIn(Setting.MEDIMAGEPARSE_MAX_PROMPT_CHARS, 1, Integer.MAX_VALUE));
    }

    public static Optional<ProtocolAdapter> create(CoreServices services) {
        return services.settings().bool(Setting.MEDIMAGEPARSE_ENABLED)
                ? Optional.of(new MedImageParseAdapter(services)) : Optional.empty();
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
        return List.of(new RouteKey(HttpMethod.POST, PATH));
    }

    @Override
    public void describe(io.vertx.ext.web.RoutingContext ctx) {
        ctx.put(ErrorBody.KEY, ERROR_BODY);
        RequestContext.protocol(ctx, NAME);
        RequestContext.model(ctx, route.spec());
    }

    @Override
    public void mount(Router router) {
        router.route(PATH).handler(ErrorBody.use(ERROR_BODY)).handler(ctx -> {
            RequestContext.protocol(ctx, NAME);
            RequestContext.model(ctx, route.spec());
            ctx.next();
        });
        router.post(PATH).handler(ctx -> {
            // on the headers, before the body is read: an unauthenticated body is never held
            // (BodyReader drops whatever of it still arrives, so the client gets the 401)
            try {
                keys.check(ctx.request().getHeader("Authorization"));
            } catch (RadgateException e) {
                BodyReader.refuse(ctx, e);
                return;
            }
            ctx.next();
        }).handler(services.bodyReader(BODY_WEIGHT)).handler(this::score);
    }

    /** Memory per body byte while /score runs: the body and the images decoded out of its base64. */
    static final int BODY_WEIGHT = 2;

    private void score(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        ImagingLimits limits = services.imagingLimits();
        MemoryBudget.Lease lease = RequestMemory.lease(ctx, services.memory());
        DecodeAllowance decoding = new DecodeAllowance(limits.maxDecodedBytes(), lease::claim);
        CompletableFuture<String> answer = CompletableFuture
                .supplyAsync(() -> {
                    ScoreRequest request = ScoreRequest.parse(new BufferInputStream(body), bounds);
                    int masks = request.rows().stream().mapToInt(r -> r.prompts().size()).sum();
                    lease.claim((long) masks * SIZE * SIZE * ANSWER_COPIES, "an answer of " + masks + " masks");
                    return decoding.during(() -> rows(request, limits));
                }, services.blocking())
                .thenCompose(rows -> segmentation.segment(route, rows))
                .thenApplyAsync(MedImageParseAdapter::render, services.blocking());
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json))
                .onFailure(ctx::fail);
    }

    /** Decodes every row's image to 8-bit gray (bomb-guarded); blocking. */
    static List<PromptedSegmentation.Row> rows(ScoreRequest request, ImagingLimits limits) {
        List<PromptedSegmentation.Row> rows = new ArrayList<>();
        for (int i = 0; i < request.rows().size(); i++) {
            ScoreRequest.Row r = request.rows().get(i);
            try {
                rows.add(new PromptedSegmentation.Row(ImageFileGray.decode(r.image(), limits), r.prompts()));
            } catch (RadgateException e) {
                throw new RadgateException(e.kind(), "row " + i + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    static String render(List<PromptedSegmentation.RowMasks> rows) {
        List<ScoreResponse.RowResult> out = new ArrayList<>(rows.size());
        for (PromptedSegmentation.RowMasks r : rows) {
            List<byte[]> binary = new ArrayList<>(r.masks().size());
            for (byte[] m : r.masks()) {
                binary.add(MaskThresholds.atLeastLevel(m, ScoreResponse.LEVEL, 255));
            }
            List<String> categories = r.categories().stream().map(c -> c.isEmpty() ? "other" : c).toList();
            out.add(new ScoreResponse.RowResult(r.size(), binary, categories));
        }
        return ScoreResponse.render(out);
    }
}
