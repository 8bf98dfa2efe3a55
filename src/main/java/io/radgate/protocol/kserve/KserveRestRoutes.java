package io.radgate.protocol.kserve;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.http.ErrorBody;
import io.radgate.http.RequestContext;
import io.radgate.triton.TritonClient;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.ModelConfigRequest;
import io.radgate.triton.proto.ModelConfigResponse;
import io.radgate.triton.proto.ModelMetadataRequest;
import io.radgate.triton.proto.ModelStatisticsRequest;
import io.radgate.triton.proto.RepositoryIndexRequest;
import io.radgate.triton.proto.RepositoryIndexResponse;
import io.radgate.triton.proto.RepositoryModelLoadRequest;
import io.radgate.triton.proto.RepositoryModelUnloadRequest;
import io.radgate.triton.proto.ServerMetadataRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;

/**
 * KServe v2 REST, passed through to Triton's gRPC API so that {@code tritonclient.http} users
 * can point at radgate. Answers mirror Triton's REST API: JSON bodies of the same shape, the
 * binary tensor extension, and failures with Triton's status, message and content type
 * ({@link KserveErrorBody}).
 */
public final class KserveRestRoutes {
    static final String PROTOCOL = "kserve-rest";
    private static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    private final TritonClient triton;
    private final boolean repositoryControl;

    public KserveRestRoutes(TritonClient triton, boolean repositoryControl) {
        this.triton = triton;
        this.repositoryControl = repositoryControl;
    }

    /**
     * Memory per body byte while an infer runs: the body, the request's tensors and the copy sent
     * to Triton (JSON numbers are parsed one at a time into the tensor bytes).
     */
    public static final int BODY_WEIGHT = 3;

    public void mount(Router router, io.vertx.core.Handler<RoutingContext> body) {
        router.route("/v2*").handler(ErrorBody.use(KserveErrorBody.INSTANCE)).handler(ctx -> {
            RequestContext.protocol(ctx, PROTOCOL);
            ctx.next();
        });
        // Triton serves only numeric versions; any other is a path it does not have (404).
        router.route("/v2/models/:model/versions/:version*").handler(ctx -> {
            if (ctx.pathParam("version").matches("[0-9]+")) {
                ctx.next();
            } else {
                ctx.fail(404);
            }
        });
        router.get("/v2").handler(ctx -> reply(ctx, triton.unary(GRPCInferenceServiceGrpc.getServerMetadataMethod(),
                ServerMetadataRequest.getDefaultInstance()).thenApply(ProtoJson::toJson)));
        router.get("/v2/health/live").handler(ctx -> empty(ctx, triton.serverLive(), "Server is not live"));
        router.get("/v2/health/ready").handler(ctx -> empty(ctx, triton.serverReady(), "Server is not ready"));
        router.get("/v2/models/stats").handler(ctx -> stats(ctx, "", ""));
        router.post("/v2/repository/index").handler(this::index);

        for (String base : new String[] {"/v2/models/:model", "/v2/models/:model/versions/:version"}) {
            router.get(base).handler(ctx -> reply(ctx, triton.unary(GRPCInferenceServiceGrpc.getModelMetadataMethod(),
                    ModelMetadataRequest.newBuilder().setName(model(ctx)).setVersion(version(ctx)).build())
                    .thenApply(ProtoJson::toJson)));
            router.get(base + "/ready").handler(ctx -> {
                ctx.put(KserveErrorBody.PLAIN_TEXT_KEY, true); // as Triton answers a model that is not ready
                empty(ctx, triton.modelReady(model(ctx), version(ctx)), "Model version not ready");
            });
            router.get(base + "/config").handler(ctx -> reply(ctx, triton.unary(
                    GRPCInferenceServiceGrpc.getModelConfigMethod(),
                    ModelConfigRequest.newBuilder().setName(model(ctx)).setVersion(version(ctx)).build())
                    .thenApply(ModelConfigResponse::getConfig).thenApply(ProtoJson::toJson)));
            router.get(base + "/stats").handler(ctx -> stats(ctx, model(ctx), version(ctx)));
            router.post(base + "/infer")
                    .handler(body)
                    .handler(this::infer);
        }
        router.post("/v2/repository/models/:model/load").handler(body).handler(this::load);
        router.post("/v2/repository/models/:model/unload").handler(body).handler(this::unload);
    }

    private void infer(RoutingContext ctx) {
        String model = model(ctx);
        String version = ctx.pathParam("version");
        Integer headerLength = headerLength(ctx);
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        ctx.vertx().<InferRequestCodec.Parsed>executeBlocking(() -> InferRequestCodec.parse(model, version, body,
                        headerLength), false)
                .compose(parsed -> Future.fromCompletionStage(triton.infer(parsed.request(), triton.options().inferDeadline(),
                        RequestContext.trace(ctx).header()), ctx.vertx().getOrCreateContext())
                        .compose(resp -> ctx.vertx().executeBlocking(() -> InferResponseCodec.encode(resp, parsed), false)))
                .onSuccess(enc -> {
                    if (enc.hasBinary()) {
                        Buffer out = Buffer.buffer(enc.json());
                        enc.binaries().forEach(b -> out.appendBytes(b.toByteArray()));
                        ctx.response().putHeader("Content-Type", "application/octet-stream")
                                .putHeader(HEADER_LENGTH, String.valueOf(enc.json().length))
                                .end(out);
                    } else {
                        ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(enc.json()));
                    }
                })
                .onFailure(ctx::fail);
    }

    private static Integer headerLength(RoutingContext ctx) {
        String h = ctx.request().getHeader(HEADER_LENGTH);
        if (h == null) {
            return null;
        }
        try {
            return Integer.valueOf(h.trim());
        } catch (NumberFormatException e) {
            throw RadgateException.badInput(HEADER_LENGTH + " must be an integer, got '" + h + "'");
        }
    }

    private void stats(RoutingContext ctx, String model, String version) {
        reply(ctx, triton.unary(GRPCInferenceServiceGrpc.getModelStatisticsMethod(),
                ModelStatisticsRequest.newBuilder().setName(model).setVersion(version).build())
                .thenApply(ProtoJson::toJson));
    }

    private void index(RoutingContext ctx) {
        reply(ctx, triton.unary(GRPCInferenceServiceGrpc.getRepositoryIndexMethod(),
                RepositoryIndexRequest.getDefaultInstance()).thenApply(r -> {
                    JsonArray out = new JsonArray();
                    for (RepositoryIndexResponse.ModelIndex m : r.getModelsList()) {
                        JsonObject o = new JsonObject().put("name", m.getName());
                        if (!m.getVersion().isEmpty()) {
                            o.put("version", m.getVersion());
                        }
                        if (!m.getState().isEmpty()) {
                            o.put("state", m.getState());
                        }
                        if (!m.getReason().isEmpty()) {
                            o.put("reason", m.getReason());
                        }
                        out.add(o);
                    }
                    return out.toBuffer().getBytes();
                }));
    }

    private void load(RoutingContext ctx) {
        requireRepositoryControl();
        String model = model(ctx);
        empty(ctx, triton.unary(GRPCInferenceServiceGrpc.getRepositoryModelLoadMethod(),
                RepositoryModelLoadRequest.newBuilder().setModelName(model).build())
                .thenApply(r -> {
                    triton.forget(model);
                    return true;
                }), "");
    }

    private void unload(RoutingContext ctx) {
        requireRepositoryControl();
        String model = model(ctx);
        empty(ctx, triton.unary(GRPCInferenceServiceGrpc.getRepositoryModelUnloadMethod(),
                RepositoryModelUnloadRequest.newBuilder().setModelName(model).build())
                .thenApply(r -> {
                    triton.forget(model);
                    return true;
                }), "");
    }

    private void requireRepositoryControl() {
        if (!repositoryControl) {
            throw new RadgateException(ErrorKind.NOT_ALLOWED,
                    "model load/unload through radgate is disabled (kserve.repository-control)");
        }
    }

    private static String model(RoutingContext ctx) {
        String model = ctx.pathParam("model");
        RequestContext.model(ctx, model);
        return model;
    }

    private static String version(RoutingContext ctx) {
        String v = ctx.pathParam("version");
        return v == null ? "" : v;
    }

    private static void reply(RoutingContext ctx, CompletableFuture<byte[]> json) {
        Future.fromCompletionStage(json, ctx.vertx().getOrCreateContext())
                .onSuccess(b -> ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(b)))
                .onFailure(ctx::fail);
    }

    /** 200 with an empty body when {@code ok} is true; 400 with {@code notOk} otherwise, as Triton does. */
    private static void empty(RoutingContext ctx, CompletableFuture<Boolean> ok, String notOk) {
        Future.fromCompletionStage(ok, ctx.vertx().getOrCreateContext()).onSuccess(yes -> {
            if (yes) {
                ctx.response().setStatusCode(200).end();
            } else {
                ctx.fail(RadgateException.badInput(notOk));
            }
        }).onFailure(ctx::fail);
    }
}
