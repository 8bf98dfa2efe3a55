package io.radgate.protocol.kserve;

import io.grpc.Status;
import io.radgate.http.ErrorBody;
import io.radgate.http.Failure;
import io.radgate.triton.TritonErrors;
import io.radgate.triton.TritonMessages;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * KServe v2 REST failures as Triton's own REST API writes them (seen on Triton 2.51.0, checked
 * side by side in KserveRestIT): {@code {"error": "<Triton's message>"}} without any prefix,
 * Triton's status for the gRPC code, and Triton's content type, which depends on where Triton
 * found the problem (its http_server.cc sets the header only on some paths):
 * <ul>
 * <li>infer, model lookup failed (unknown model or version): text/plain;</li>
 * <li>infer, Triton's core rejected the request (datatype, shape, unknown input/output):
 *     application/json;</li>
 * <li>infer, the model answered with an error: text/plain;</li>
 * <li>metadata, config, statistics: application/json; model ready: text/plain;</li>
 * <li>a path Triton does not serve: 404 {@code {"error":"Not Found"}}, text/plain.</li>
 * </ul>
 * Failures that are radgate's own (a body that is not JSON, Triton unreachable, a deadline)
 * keep radgate's status and message as JSON. Where Triton's REST answers 500 (a body that is
 * not JSON, data that does not fit its shape) radgate answers 400: bad input is never a 5xx.
 */
final class KserveErrorBody implements ErrorBody {
    static final KserveErrorBody INSTANCE = new KserveErrorBody();
    static final String TEXT_PLAIN = "text/plain";
    static final String JSON = "application/json";
    /** Set by a route whose failures Triton answers as text/plain (model ready). */
    static final String PLAIN_TEXT_KEY = "kserve.plainText";

    /** gRPC codes Triton sends for the request's own fault; anything else may be radgate's own. */
    private static final Set<Status.Code> TRITON_SAYS = Set.of(Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT,
            Status.Code.ALREADY_EXISTS, Status.Code.INTERNAL);

    private KserveErrorBody() {
    }

    @Override
    public void send(RoutingContext ctx, Failure f) {
        Status s = ctx.failure() == null ? null : TritonErrors.statusOf(ctx.failure());
        int status = f.status();
        String message = f.message();
        String type = Boolean.TRUE.equals(ctx.get(PLAIN_TEXT_KEY)) ? TEXT_PLAIN : JSON;
        if (s != null && TRITON_SAYS.contains(s.getCode()) && s.getDescription() != null) {
            status = restStatus(s.getCode(), f.status());
            message = s.getDescription();
            if (ctx.request().path().endsWith("/infer")) {
                type = TritonMessages.find(s).map(k -> k.stage() == TritonMessages.Stage.REQUEST).orElse(false)
                        ? JSON : TEXT_PLAIN;
            }
        } else if (ctx.failure() == null && f.status() == 404) {
            message = "Not Found";
            type = TEXT_PLAIN;
        }
        HttpServerResponse r = ctx.response().setStatusCode(status);
        if (status != 503) {
            r.headers().remove("Retry-After");
        }
        r.putHeader("Content-Type", type).end(new JsonObject().put("error", message).encode());
    }

    /**
     * Triton's REST status for a gRPC code it sent (its HttpCodeFromError on the same error):
     * NOT_FOUND 404, INVALID_ARGUMENT and ALREADY_EXISTS 400. INTERNAL, which Triton answers
     * 500, keeps radgate's 503 (DECISIONS.md: never a 500).
     */
    static int restStatus(Status.Code code, int radgateStatus) {
        return switch (code) {
            case NOT_FOUND -> 404;
            case INVALID_ARGUMENT, ALREADY_EXISTS -> 400;
            default -> radgateStatus;
        };
    }
}
