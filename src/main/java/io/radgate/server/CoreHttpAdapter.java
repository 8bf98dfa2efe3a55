package io.radgate.server;

import io.radgate.core.Readiness;
import io.radgate.http.BodyReader;
import io.radgate.http.ProtocolAdapter;
import io.radgate.protocol.kserve.KserveRestRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.BooleanSupplier;

/** radgate's own routes on {@code http.port}: the health probes and KServe v2 REST. */
final class CoreHttpAdapter implements ProtocolAdapter {
    private final int port;
    private final Readiness readiness;
    private final BooleanSupplier draining;
    private final KserveRestRoutes kserve;
    private final BodyReader body;
    private final io.radgate.observability.Metrics metrics;

    CoreHttpAdapter(int port, Readiness readiness, BooleanSupplier draining, KserveRestRoutes kserve, BodyReader body,
                    io.radgate.observability.Metrics metrics) {
        this.port = port;
        this.readiness = readiness;
        this.draining = draining;
        this.kserve = kserve;
        this.body = body;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "health+kserve";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<RouteKey> routes() {
        return List.of(new RouteKey(HttpMethod.GET, "/health/live"), new RouteKey(HttpMethod.GET, "/health/ready"),
                new RouteKey(HttpMethod.GET, "/metrics"),
                new RouteKey(HttpMethod.GET, "/v2"), new RouteKey(HttpMethod.GET, "/v2/health/live"),
                new RouteKey(HttpMethod.GET, "/v2/health/ready"), new RouteKey(HttpMethod.POST, "/v2/repository/index"));
    }

    @Override
    public void mount(Router router) {
        HealthRoutes.mount(router, readiness, draining, metrics);
        kserve.mount(router, body);
    }
}
