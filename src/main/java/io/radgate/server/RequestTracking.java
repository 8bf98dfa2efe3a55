package io.radgate.server;

import io.radgate.error.RadgateException;
import io.radgate.http.RequestContext;
import io.radgate.observability.LogContext;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every HTTP request: gives it a request id and log context, refuses it while
 * radgate is shutting down, counts it as in flight, and writes one access-log line when the
 * response ends.
 */
final class RequestTracking implements io.vertx.core.Handler<RoutingContext> {
    private static final Logger ACCESS = LoggerFactory.getLogger("io.radgate.access");

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final io.radgate.observability.Metrics metrics;

    /**
     * This tracking as the first handler of {@code router}, whose route patterns name failed
     * requests (read at the first failure: the routes are mounted after this handler).
     */
    io.vertx.core.Handler<RoutingContext> on(io.vertx.ext.web.Router router) {
        java.util.function.Supplier<RoutePatterns> patterns = new java.util.function.Supplier<>() {
            private volatile RoutePatterns built;

            @Override
            public RoutePatterns get() {
                RoutePatterns p = built;
                if (p == null) {
                    built = p = new RoutePatterns(router);
                }
                return p;
            }
        };
        return ctx -> handle(ctx, patterns);
    }

    RequestTracking(io.radgate.observability.Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        handle(ctx, () -> null);
    }

    private void handle(RoutingContext ctx, java.util.function.Supplier<RoutePatterns> patterns) {
        long start = System.nanoTime();
        String id = RequestContext.newRequestId(ctx.request().getHeader(RequestContext.REQUEST_ID_HEADER));
        LogContext lc = RequestContext.log(ctx)
                .put(LogContext.REQUEST_ID, id)
                .put(LogContext.METHOD, ctx.request().method().name())
                .put(LogContext.PATH, ctx.request().path());
        ctx.response().putHeader(RequestContext.REQUEST_ID_HEADER, id);
        RequestContext.trace(ctx); // trace_id in every log line of the request
        inFlight.incrementAndGet();
        ctx.addEndHandler(v -> {
            inFlight.decrementAndGet();
            lc.put(LogContext.HTTP_STATUS, ctx.response().getStatusCode())
                    .put(LogContext.LATENCY_MS, (System.nanoTime() - start) / 1_000_000);
            lc.log(() -> ACCESS.info("request"));
            int status = ctx.response().getStatusCode();
            var route = ctx.currentRoute();
            // the route's pattern, never the concrete path (ids in paths would make a series each)
            String pattern = route != null && route.getPath() != null ? route.getPath()
                    : patternOf(patterns.get(), ctx.request().path());
            metrics.request(lc.get(LogContext.PROTOCOL), pattern, status < 400 ? lc.get(LogContext.MODEL) : null,
                    String.valueOf(status), System.nanoTime() - start);
        });
        if (draining.get()) {
            RequestContext.closeConnectionAfter(ctx.request());
            ctx.fail(RadgateException.unavailable("radgate is shutting down"));
            return;
        }
        ctx.next();
    }

    private static String patternOf(RoutePatterns patterns, String path) {
        return patterns == null ? "unmatched" : patterns.match(path);
    }

    void drain() {
        draining.set(true);
    }

    boolean draining() {
        return draining.get();
    }

    int inFlight() {
        return inFlight.get();
    }
}
