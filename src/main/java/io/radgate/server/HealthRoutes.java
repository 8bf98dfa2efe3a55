package io.radgate.server;

import io.radgate.core.Readiness;
import io.radgate.http.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/** radgate's own Kubernetes probes, {@code /health/live} and {@code /health/ready}, and Prometheus' {@code /metrics}. */
final class HealthRoutes {
    private HealthRoutes() {
    }

    static void mount(Router router, Readiness readiness, BooleanSupplier draining,
                      io.radgate.observability.Metrics metrics) {
        router.get("/metrics").handler(ctx -> {
            RequestContext.protocol(ctx, "metrics");
            // some gauges ask the job store: off the event loop
            ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(ar -> {
                if (ar.failed()) {
                    ctx.fail(ar.cause());
                    return;
                }
                ctx.response().putHeader("Content-Type", io.radgate.observability.Metrics.CONTENT_TYPE).end(ar.result());
            });
        });
        router.get("/health/live").handler(ctx -> {
            RequestContext.protocol(ctx, "health");
            ctx.json(new JsonObject().put("status", "live"));
        });
        router.get("/health/ready").handler(ctx -> {
            RequestContext.protocol(ctx, "health");
            if (draining.getAsBoolean()) {
                ctx.response().setStatusCode(503);
                ctx.json(new JsonObject().put("status", "not ready").put("problems",
                        new JsonArray().add("radgate is shutting down")));
                return;
            }
            Future.fromCompletionStage(readiness.check(), ctx.vertx().getOrCreateContext()).onComplete(ar -> {
                boolean ready = ar.succeeded() && ar.result().ready();
                JsonArray problems = new JsonArray();
                if (ar.failed()) {
                    problems.add("the readiness check failed");
                } else {
                    ar.result().problems().forEach(problems::add);
                }
                ctx.response().setStatusCode(ready ? 200 : 503);
                JsonObject body = new JsonObject().put("status", ready ? "ready" : "not ready");
                if (!problems.isEmpty()) {
                    body.put("problems", problems);
                }
                ctx.json(body);
            });
        });
    }
}
