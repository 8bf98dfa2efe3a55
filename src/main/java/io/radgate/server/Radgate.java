package io.radgate.server;

import io.radgate.config.RadgateConfig;
import io.radgate.config.Setting;
import io.radgate.core.CoreServices;
import io.radgate.core.ImagePipeline;
import io.radgate.core.Readiness;
import io.radgate.http.BodyReader;
import io.radgate.http.FailureHandler;
import io.radgate.http.MemoryBudget;
import io.radgate.http.ProtocolAdapter;
import io.radgate.imaging.ImagingLimits;
import io.radgate.protocol.kserve.KserveGrpcProxy;
import io.radgate.protocol.kserve.KserveRestRoutes;
import io.radgate.triton.TritonClient;
import io.radgate.triton.TritonClientOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final io.radgate.observability.Metrics metrics = new io.radgate.observability.Metrics();
    private final RequestTracking tracking = new RequestTracking(metrics);
    private final List<HttpServer> servers = new ArrayList<>();
    private final ConnectionDeadlines deadlines;
    private final int maxConcurrent;
    private final int maxQueued;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    /** Adapters started (background work such as job queues), closed after the listeners on stop. */
    private final List<ProtocolAdapter> adapters = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Decode and preprocessing: CPU-bound, so one thread per core, off the event loops. */
    private final ExecutorService blocking = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads("radgate-blocking"));

    public Radgate(RadgateConfig config) {
        this(config, Vertx.vertx(), true);
    }

    public Radgate(RadgateConfig config, Vertx vertx, boolean ownsVertx) {
        this.config = config;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        RadgateConfig.Triton t = config.triton();
        this.triton = new TritonClient(new TritonClientOptions(t.targets(), t.deadline(), t.controlDeadline(),
                t.maxMessageBytes(), t.maxMetadataBytes(), t.keepalive(), t.metadataCacheTtl(), t.healthInterval(),
                t.resolveInterval()), metrics.registry());
        var s = config.settings();
        try {
            io.radgate.observability.ClientNames.configure(io.radgate.observability.ClientNames.parse(
                    s.string(io.radgate.config.Setting.LOGGING_CLIENT_NAMES)));
        } catch (IllegalArgumentException e) {
            throw new io.radgate.config.ConfigException(e.getMessage());
        }
        this.maxConcurrent = s.intIn(io.radgate.config.Setting.LIMITS_MAX_CONCURRENT, 1, 1_000_000);
        this.maxQueued = s.intIn(io.radgate.config.Setting.LIMITS_MAX_QUEUED, 0, 1_000_000);
        this.deadlines = new ConnectionDeadlines(vertx, new ConnectionDeadlines.Timeouts(
                s.longIn(io.radgate.config.Setting.HTTP_HEADER_TIMEOUT_MS, 1, Integer.MAX_VALUE),
                s.longIn(io.radgate.config.Setting.HTTP_IDLE_TIMEOUT_MS, 1, Long.MAX_VALUE),
                s.longIn(io.radgate.config.Setting.HTTP_BODY_TIMEOUT_MS, 1, Long.MAX_VALUE)),
                req -> req.path() != null && req.path().endsWith("/ModelStreamInfer"));
    }

    /**
     * On a worker thread, warms up (see {@link #warmUp()}), builds the adapters and routers and
     * opens the listeners: nothing answers, readiness included, before the first request's
     * one-time set-up is done, and none of it runs on an event loop.
     */
    public Future<Void> start() {
        triton.reconnectEvery(config.settings().millis(Setting.TRITON_RECONNECT_MS, 0));
        return vertx.executeBlocking(() -> {
            warmUp();
            return listenAll();
        }, false).compose(listening -> listening);
    }

    /**
     * One-time set-up that the first request would otherwise do on an event loop (measured at
     * 0.9-2.6 s there): the Triton channel's connection, gRPC, Netty and protobuf class loading,
     * and Jackson's serializers behind Vert.x's JSON.
     */
    private void warmUp() {
        long t0 = System.nanoTime();
        triton.warmUp(config.triton().controlDeadline());
        new JsonObject().put("status", "ready").put("problems", new JsonArray().add("warm-up")).toBuffer();
        new JsonObject("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"data\":[0.5]}]}").encode();
        LOG.info("warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private Future<Void> listenAll() {
        Readiness readiness = new Readiness(triton, config.requiredModels());
        RadgateConfig.Imaging im = config.imaging();
        MemoryBudget memory = MemoryBudget.of(config.limits().memoryBudgetBytes());
        ImagingLimits imaging = new ImagingLimits(im.maxFileBytes(), im.maxFrames(), im.maxDimension(),
                im.maxDecodedBytes(), im.nativeDecoderTimeout(), im.zipMaxEntries(),
                im.zipMaxTotalBytes(), im.zipMaxRatio());
        LOG.info("memory: max heap {} bytes, request budget {} bytes, decoded pixels per request {} bytes",
                Runtime.getRuntime().maxMemory(), memory.capacity(), imaging.maxDecodedBytes());
        CoreServices services = new CoreServices(new ImagePipeline(triton, blocking), readiness, imaging,
                config.limits().maxBodyBytes(), config.settings(), blocking, memory, metrics);
        List<ProtocolAdapter> adapters = new ArrayList<>();
        adapters.add(new CoreHttpAdapter(config.listeners().httpPort(), readiness, tracking::draining,
                new KserveRestRoutes(triton, config.repositoryControl()),
                new BodyReader(memory, config.limits().maxBodyBytes(), KserveRestRoutes.BODY_WEIGHT), metrics));
        adapters.addAll(ProtocolAdapters.create(services));
        for (ProtocolAdapter a : adapters) {
            a.start(vertx);
            this.adapters.add(a);
        }
        List<Future<HttpServer>> listening = new ArrayList<>();
        for (List<ProtocolAdapter> group : Listeners.group(adapters)) {
            listening.add(listen(group));
        }
        RadgateConfig.Listeners l = config.listeners();
        if (l.grpcEnabled()) {
            GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions()
                    .setMaxMessageSize(config.limits().maxGrpcMessageBytes()));
            Admission calls = new Admission(KserveGrpcProxy.PROTOCOL_NAME, maxConcurrent, 0, metrics.registry());
            grpc.callHandler(new KserveGrpcProxy(triton, config.repositoryControl(), tracking::draining, memory,
                    metrics, calls));
            listening.add(listen(new HttpServerOptions().setHost(l.host()).setPort(l.grpcPort())
                    .setInitialSettings(new io.vertx.core.http.Http2Settings().setMaxFrameSize(1 << 20)), grpc,
                    List.of(KserveGrpcProxy.PROTOCOL_NAME)));
        }
        return Future.all(listening).mapEmpty();
    }

    private Future<HttpServer> listen(List<ProtocolAdapter> group) {
        Router router = Router.router(vertx);
        router.route().handler(deadlines.binder());
        router.route().handler(tracking.on(router));
        router.route().handler(new Admission(group.get(0).name(), group, maxConcurrent, maxQueued,
                metrics.registry()));
        group.forEach(a -> a.mount(router));
        FailureHandler failures = new FailureHandler();
        router.route().failureHandler(failures);
        // Unmatched paths and methods go through the same failure handler, so they get an error body too.
        router.errorHandler(404, failures);
        router.errorHandler(405, failures);
        return listen(new HttpServerOptions().setHost(config.listeners().host()).setPort(group.get(0).port()),
                router::handle, group.stream().map(ProtocolAdapter::name).toList());
    }

    private Future<HttpServer> listen(HttpServerOptions options,
                                      io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler,
                                      List<String> names) {
        return vertx.createHttpServer(deadlines.options(options)).connectionHandler(deadlines::onConnection)
                .requestHandler(deadlines.watching(handler)).listen().onSuccess(s -> {
            servers.add(s);
            names.forEach(n -> ports.put(n, s.actualPort()));
            LOG.info("listener {} on {}:{}", names, options.getHost(), s.actualPort());
        });
    }

    /** The bound port of a protocol's listener by adapter name (useful when configured as 0), or -1. */
    public int port(String adapter) {
        return ports.getOrDefault(adapter, -1);
    }

    /** The bound port of the health + KServe REST listener. */
    public int httpPort() {
        return port("health+kserve");
    }

    public int grpcPort() {
        return port(KserveGrpcProxy.PROTOCOL_NAME);
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
        return Future.join(closing).eventually(() -> vertx.executeBlocking(() -> {
            for (ProtocolAdapter a : adapters) {
                try {
                    a.close();
                } catch (RuntimeException e) {
                    LOG.warn("adapter {} did not close cleanly: {}", a.name(), e.toString());
                }
            }
            return null;
        })).eventually(() -> {
            blocking.shutdown();
            triton.close();
            metrics.close();
            LOG.info("stopped");
            return ownsVertx ? vertx.close() : Future.succeededFuture();
        }).mapEmpty();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
