package io.radgate.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Renders a {@link Failure} in one protocol's error shape. Status and headers are already set. */
@FunctionalInterface
public interface ErrorBody {
    String KEY = "radgate.errorBody";

    void send(RoutingContext ctx, Failure failure);

    /** {@code {"error": "<message>"}}, the shape of KServe v2 and Triton's REST API. */
    ErrorBody JSON_ERROR = (ctx, f) -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", f.message()).encode());

    /** Makes the routes after this handler render failures with {@code body}. */
    static io.vertx.core.Handler<RoutingContext> use(ErrorBody body) {
        return ctx -> {
            ctx.put(KEY, body);
            ctx.next();
        };
    }
}
