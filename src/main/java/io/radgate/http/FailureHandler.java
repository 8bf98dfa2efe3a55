package io.radgate.http;

import io.vertx.ext.web.RoutingContext;

/**
 * The one failure handler: classifies the failure ({@link Failure}), sets status and
 * Retry-After, and lets the protocol that owns the route render the body.
 */
public final class FailureHandler implements io.vertx.core.Handler<RoutingContext> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().closed()) {
            // the client went away (an aborted upload, a closed connection): nothing to answer, nothing wrong here
            Throwable t = ctx.failure();
            RequestContext.log(ctx).log(() -> LOG.info("request aborted by the client ({})",
                    t == null ? "status " + ctx.statusCode() : t.getClass().getSimpleName()));
            return;
        }
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
