package io.radgate.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.radgate.http.ConcurrencyLimit;
import io.radgate.http.ProtocolAdapter;
import io.radgate.protocol.kserve.KserveGrpcProxy;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Admission control of one listener: at most {@code limits.max-concurrent} requests run, up to
 * {@code limits.max-queued} more wait in arrival order, the rest get 503 with Retry-After at once
 * (through the failure handler, in the protocol's error shape). On top of the memory budget,
 * which bounds bytes; this bounds work, so a burst queues or is refused instead of every request
 * slowing down together. Probes are never refused: an orchestrator must see a busy radgate as
 * live and ready, not restart it. Meters: {@code radgate_admission_running}, {@code _queued} and
 * {@code radgate_admission_rejected_total} per listener.
 */
final class Admission implements Handler<RoutingContext>, KserveGrpcProxy.Gate {
    /** GET paths that are always admitted: health, readiness, metrics, the invocations ping. */
    private static final Set<String> PROBES = Set.of("/health/live", "/health/ready", "/metrics", "/v2/health/live",
            "/v2/health/ready", "/ping");

    private final ConcurrencyLimit limit;
    private final Counter rejected;
    private final List<Map.Entry<Pattern, ProtocolAdapter>> owners = new ArrayList<>();

    /** For a listener serving {@code adapters}, whose error shapes its refusals take. */
    Admission(String listener, List<ProtocolAdapter> adapters, int maxRunning, int maxQueued,
              MeterRegistry registry) {
        this(listener, maxRunning, maxQueued, registry);
        for (ProtocolAdapter a : adapters) {
            for (ProtocolAdapter.RouteKey k : a.routes()) {
                owners.add(Map.entry(RoutePatterns.compile(k.path()), a));
            }
        }
    }

    Admission(String listener, int maxRunning, int maxQueued, MeterRegistry registry) {
        this.limit = new ConcurrencyLimit("radgate's " + listener + " listener", maxRunning, maxQueued);
        Gauge.builder("radgate.admission.running", limit, ConcurrencyLimit::running).tag("listener", listener)
                .description("Requests running on a listener").strongReference(true).register(registry);
        Gauge.builder("radgate.admission.queued", limit, ConcurrencyLimit::queued).tag("listener", listener)
                .description("Requests waiting for a slot on a listener").strongReference(true).register(registry);
        this.rejected = Counter.builder("radgate.admission.rejected").tag("listener", listener)
                .description("Requests refused because the listener was full (503 / UNAVAILABLE)").register(registry);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.GET && PROBES.contains(ctx.request().path())) {
            ctx.next();
            return;
        }
        Future<Void> slot = limit.acquire();
        boolean waits = !slot.isComplete();
        if (waits) {
            ctx.request().pause(); // a waiting request's body stays in the socket, not dropped
        }
        slot.onComplete(ar -> {
            if (waits) {
                ctx.request().resume();
            }
            if (ar.failed()) {
                rejected.increment();
                String path = ctx.request().path();
                owners.stream().filter(e -> e.getKey().matcher(path).matches()).findFirst()
                        .ifPresent(e -> e.getValue().describe(ctx));
                ctx.fail(ar.cause());
                return;
            }
            ctx.addEndHandler(v -> limit.release());
            ctx.next();
        });
    }

    /** For a gRPC call, which does not wait: true if it may run now (then {@link #leave()} once). */
    @Override
    public boolean tryEnter() {
        if (limit.tryAcquire()) {
            return true;
        }
        rejected.increment();
        return false;
    }

    @Override
    public void leave() {
        limit.release();
    }
}
