package io.radgate.server;

import io.radgate.config.RadgateConfig;
import io.radgate.core.Readiness;
import io.radgate.http.FailureHandler;
import io.radgate.protocol.kserve.KserveGrpcProxy;
import io.radgate.protocol.kserve.KserveRestRoutes;
import io.radgate.triton.TritonClient;
import io.radgate.triton.TritonClientOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running radgate: the Triton client, the HTTP listener (health + KServe REST) and the
 * KServe gRPC listener. {@link #stop()} is graceful: readiness turns 503 and new requests are
 * refused at once, in-flight requests get up to {@code shutdown.grace-ms} to finish.
 */
public final class Radgate {
    private static final Logger LOG = LoggerFactory.getLogger(Radgate.class);

    private final RadgateConfig config;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final TritonClient triton;
    private final RequestTracking tracking = new RequestTracking();
    private final List<HttpServer> servers = new ArrayList<>();

    public Radgate(RadgateConfig config) {
        this(config, Vertx.vertx(), true);
    }

    public Radgate(RadgateConfig config, Vertx vertx, boolean ownsVertx) {
        this.config = config;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        RadgateConfig.Triton t = config.triton();
        this.triton = new TritonClient(new TritonClientOptions(t.targets(), t.deadline(), t.controlDeadline(),
                t.maxMessageBytes(), t.keepalive(), t.metadataCacheTtl()));
    }

    public Future<Void> start() {
        Router router = Router.router(vertx);
        router.route().handler(tracking);
        HealthRoutes.mount(router, new Readiness(triton, config.requiredModels()), tracking::draining);
        new KserveRestRoutes(triton, config.repositoryControl()).mount(router, config.limits().maxBodyBytes());
        FailureHandler failures = new FailureHandler();
        router.route().failureHandler(failures);
        // Unmatched paths and methods go through the same failure handler, so they get JSON too.
        router.errorHandler(404, failures);
        router.errorHandler(405, failures);

        RadgateConfig.Listeners l = config.listeners();
        Future<HttpServer> http = listen(new HttpServerOptions().setHost(l.host()).setPort(l.httpPort()),
                router::handle, "http");
        if (!l.grpcEnabled()) {
            return http.mapEmpty();
        }
        GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions()
                .setMaxMessageSize(config.limits().maxGrpcMessageBytes()));
        grpc.callHandler(new KserveGrpcProxy(triton, config.repositoryControl(), tracking::draining));
        Future<HttpServer> grpcServer = listen(new HttpServerOptions().setHost(l.host()).setPort(l.grpcPort())
                .setInitialSettings(new io.vertx.core.http.Http2Settings()
                        .setMaxFrameSize(1 << 20)), grpc, "grpc");
        return Future.all(http, grpcServer).mapEmpty();
    }

    private Future<HttpServer> listen(HttpServerOptions options, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler,
                                      String name) {
        return vertx.createHttpServer(options).requestHandler(handler).listen().onSuccess(s -> {
            servers.add(s);
            LOG.info("{} listener on {}:{}", name, options.getHost(), s.actualPort());
        });
    }

    /** The bound port of the HTTP listener (useful when configured as 0). */
    public int httpPort() {
        return servers.get(0).actualPort();
    }

    public int grpcPort() {
        return servers.size() > 1 ? servers.get(1).actualPort() : -1;
    }

    public TritonClient triton() {
        return triton;
    }

    public Future<Void> stop() {
        tracking.drain();
        long grace = config.shutdownGrace().toMillis();
        LOG.info("shutting down: {} requests in flight, grace {} ms", tracking.inFlight(), grace);
        List<Future<Void>> closing = new ArrayList<>();
        for (HttpServer s : servers) {
            closing.add(s.shutdown(grace, TimeUnit.MILLISECONDS));
        }
        return Future.join(closing).eventually(() -> {
            triton.close();
            LOG.info("stopped");
            return ownsVertx ? vertx.close() : Future.succeededFuture();
        }).mapEmpty();
    }
}
