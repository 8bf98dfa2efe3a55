package io.radgate.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * radgate's metrics, one registry per radgate instance (never Micrometer's global one: tests run
 * several instances in one JVM), scraped by Prometheus at {@code GET /metrics} on the main HTTP
 * listener. Meters that name a model take it only from answered requests (status below 400), so a
 * client inventing model names cannot grow the series without bound.
 */
public final class Metrics implements AutoCloseable {
    /** Buckets of the latency histograms: from a cached health answer to a study upload. */
    static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A latency histogram with radgate's buckets (seconds in Prometheus). */
    public static Timer.Builder timer(String name) {
        return Timer.builder(name).serviceLevelObjectives(BUCKETS);
    }

    /**
     * One request answered on a listener: {@code route} is the route's pattern (or the gRPC
     * method), never the concrete path; {@code status} the HTTP status or gRPC code name.
     */
    public void request(String protocol, String route, String model, String status, long nanos) {
        timer("radgate.requests")
                .description("Requests answered by radgate, per protocol, route, model and status")
                .tag("protocol", nonEmpty(protocol)).tag("route", nonEmpty(route))
                .tag("model", nonEmpty(model)).tag("status", nonEmpty(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Prometheus text format of every meter. Reads gauges, some of which ask a database: not on an event loop. */
    public String scrape() {
        return registry.scrape();
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? "none" : s;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
