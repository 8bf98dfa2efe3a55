package io.radgate.http;

import io.vertx.ext.web.RoutingContext;

/**
 * The one failure handler: classifies the failure ({@link Failure}), sets status and
 * Retry-After, and lets the protocol that owns the route render the body.
 */
public final class FailureHandler implements io.vertx.core.Handler<RoutingContext> {
    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Failure f = Failure.of(ctx);
        ctx.response().setStatusCode(f.status());
        if (f.retryable()) {
            ctx.response().putHeader("Retry-After", String.valueOf(Failure.RETRY_AFTER_SECONDS));
        }
        ErrorBody body = ctx.get(ErrorBody.KEY);
        (body == null ? ErrorBody.JSON_ERROR : body).send(ctx, f);
    }
}
