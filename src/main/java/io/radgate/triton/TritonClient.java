package io.radgate.triton;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceStub;
import io.radgate.triton.proto.ModelConfig;
import io.radgate.triton.proto.ModelConfigRequest;
import io.radgate.triton.proto.ModelConfigResponse;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import io.radgate.triton.proto.ModelMetadataRequest;
import io.radgate.triton.proto.ModelMetadataResponse;
import io.radgate.triton.proto.ModelReadyRequest;
import io.radgate.triton.proto.ModelReadyResponse;
import io.radgate.triton.proto.ModelStreamInferResponse;
import io.radgate.triton.proto.ServerLiveRequest;
import io.radgate.triton.proto.ServerLiveResponse;
import io.radgate.triton.proto.ServerReadyRequest;
import io.radgate.triton.proto.ServerReadyResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * radgate's client of Triton's gRPC API: one channel over grpc-java (shaded Netty) that
 * spreads calls round-robin over every resolved Triton, with per-call deadlines. Tensor bytes
 * travel in {@code raw_input_contents}/{@code raw_output_contents} untouched. Every failure of
 * the typed calls arrives as a {@link io.radgate.error.RadgateException} (see {@link TritonErrors}).
 */
public final class TritonClient implements AutoCloseable {
    private final TritonClientOptions options;
    private final ManagedChannel channel;
    private final GRPCInferenceServiceStub stub;
    private final ModelCatalog catalog;
    private volatile ReconnectWatch reconnects;

    /** The model a call is for, as a label of its metrics (see {@link TritonCallMetrics}). */
    public static final io.grpc.CallOptions.Key<String> MODEL = io.grpc.CallOptions.Key.create("radgate-model");
    /** A W3C traceparent to send with a call, so Triton's trace joins the request's. */
    public static final io.grpc.CallOptions.Key<String> TRACEPARENT = io.grpc.CallOptions.Key.create("traceparent");

    public TritonClient(TritonClientOptions options) {
        this(options, null);
    }

    /** With {@code metrics} (null: none), every call is timed per method, model, replica and status. */
    public TritonClient(TritonClientOptions options, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.options = options;
        NettyChannelBuilder b = NettyChannelBuilder.forTarget(
                        TritonTargets.toGrpcTarget(options.targets(), options.healthInterval(),
                                options.resolveInterval()), InsecureChannelCredentials.create())
                .defaultLoadBalancingPolicy("round_robin")
                // a retry (TritonServiceConfig) replays the request it kept: allow one of any size
                // Triton takes; the limits bound what is kept, not what is allocated
                .enableRetry()
                .perRpcBufferLimit(options.maxInboundMessageBytes())
                .retryBufferSize(Math.max(options.maxInboundMessageBytes(), 1L << 30))
                .maxInboundMessageSize(options.maxInboundMessageBytes())
                // Triton echoes names and prompts in its status messages. Over grpc-java's hard
                // metadata limit (default 8 KiB; its frame reader closes the CONNECTION beyond
                // 1.25 times that), one client's long error failed every call in flight on the
                // shared channel. Up to the soft limit a message is always read; between soft
                // and hard grpc-java may refuse it, failing only that call (RESOURCE_EXHAUSTED).
                .maxInboundMetadataSize(options.maxInboundMetadataBytes(), Integer.MAX_VALUE)
                .userAgent("radgate");
        if (!options.keepalive().isZero()) {
            b.keepAliveTime(options.keepalive().toMillis(), TimeUnit.MILLISECONDS)
                    .keepAliveTimeout(Math.max(1000, options.keepalive().toMillis() / 3), TimeUnit.MILLISECONDS)
                    .keepAliveWithoutCalls(false);
        }
        ReplicaSuspicions suspicions = new ReplicaSuspicions();
        b.setNameResolverArg(ReplicaSuspicions.ARG, suspicions);
        b.intercept(new TraceHeader(), suspicions);
        if (metrics != null) {
            b.intercept(new TritonCallMetrics(metrics));
        }
        this.channel = b.build();
        this.stub = GRPCInferenceServiceGrpc.newStub(channel);
        this.catalog = new ModelCatalog(options.metadataCacheTtl());
    }

    public TritonClientOptions options() {
        return options;
    }

    /** The channel, for the KServe gRPC pass-through which forwards calls byte for byte. */
    public Channel channel() {
        return channel;
    }

    /** Call options with the given deadline and the client's message limit. */
    public CallOptions callOptions(Duration deadline) {
        return CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .withMaxInboundMessageSize(options.maxInboundMessageBytes());
    }

    public CompletableFuture<Boolean> serverLive() {
        UnaryFuture<ServerLiveResponse> f = new UnaryFuture<>("Triton ServerLive");
        control().serverLive(ServerLiveRequest.getDefaultInstance(), f);
        return f.future().thenApply(ServerLiveResponse::getLive);
    }

    public CompletableFuture<Boolean> serverReady() {
        wakeIfDisconnected();
        UnaryFuture<ServerReadyResponse> f = new UnaryFuture<>("Triton ServerReady");
        control().serverReady(ServerReadyRequest.getDefaultInstance(), f);
        return f.future().thenApply(ServerReadyResponse::getReady);
    }

    public CompletableFuture<Boolean> modelReady(String name, String version) {
        UnaryFuture<ModelReadyResponse> f = new UnaryFuture<>("Triton ModelReady '" + name + "'");
        control().modelReady(ModelReadyRequest.newBuilder().setName(name).setVersion(nullToEmpty(version)).build(), f);
        return f.future().thenApply(ModelReadyResponse::getReady);
    }

    public CompletableFuture<ModelMetadataResponse> modelMetadata(String name, String version) {
        return catalog.metadata(name, version, () -> {
            UnaryFuture<ModelMetadataResponse> f = new UnaryFuture<>("Triton ModelMetadata '" + name + "'");
            control().modelMetadata(ModelMetadataRequest.newBuilder()
                    .setName(name).setVersion(nullToEmpty(version)).build(), f);
            return f.future();
        });
    }

    public CompletableFuture<ModelConfig> modelConfig(String name, String version) {
        return catalog.config(name, version, () -> {
            UnaryFuture<ModelConfigResponse> f = new UnaryFuture<>("Triton ModelConfig '" + name + "'");
            control().modelConfig(ModelConfigRequest.newBuilder()
                    .setName(name).setVersion(nullToEmpty(version)).build(), f);
            return f.future().thenApply(ModelConfigResponse::getConfig);
        });
    }

    /**
     * Any unary RPC of Triton's service, with the control deadline; failures mapped by
     * {@link TritonErrors}. For the calls radgate has no typed method for (statistics,
     * repository index, load, unload).
     */
    public <Q, R> CompletableFuture<R> unary(MethodDescriptor<Q, R> method, Q request) {
        UnaryFuture<R> f = new UnaryFuture<>("Triton " + method.getBareMethodName());
        ClientCalls.asyncUnaryCall(channel.newCall(method, callOptions(options.controlDeadline())), request, f);
        return f.future();
    }

    /** Drops cached metadata and config of a model (after a load or unload). */
    public void forget(String model) {
        catalog.invalidate(model);
    }

    public CompletableFuture<ModelInferResponse> infer(ModelInferRequest request) {
        return infer(request, options.inferDeadline());
    }

    public CompletableFuture<ModelInferResponse> infer(ModelInferRequest request, Duration deadline) {
        return infer(request, deadline, null);
    }

    /** With the request's W3C {@code traceparent} (null: none) sent on to Triton. */
    public CompletableFuture<ModelInferResponse> infer(ModelInferRequest request, Duration deadline,
                                                       String traceparent) {
        UnaryFuture<ModelInferResponse> f = new UnaryFuture<>("Triton ModelInfer '" + request.getModelName() + "'");
        GRPCInferenceServiceStub s = stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .withOption(MODEL, request.getModelName());
        if (traceparent != null) { // grpc-java refuses a null option value
            s = s.withOption(TRACEPARENT, traceparent);
        }
        s.modelInfer(request, f);
        return f.future();
    }

    /**
     * Opens a ModelStreamInfer stream (for a series: one request per slice, one channel). The
     * returned observer sends requests; responses, including per-request errors that Triton
     * puts in {@code error_message}, arrive on {@code responses}.
     */
    public StreamObserver<ModelInferRequest> stream(StreamObserver<ModelStreamInferResponse> responses,
                                                    Duration deadline) {
        return stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).modelStreamInfer(responses);
    }

    /**
     * Sets up, on the calling thread, what the first call would otherwise set up on whichever
     * thread makes it (in radgate, an event loop): the channel leaves idle mode (name resolution,
     * load balancer, subchannels, the Netty transport and their classes) and one ServerLive call
     * loads the call, stream and message classes. Waits for that call at most {@code wait}; its
     * answer does not matter (Triton may not be up yet). Never call it on an event loop.
     */
    public void warmUp(Duration wait) {
        channel.getState(true);
        ModelInferRequest.getDefaultInstance();
        ModelInferResponse.getDefaultInstance();
        ModelMetadataResponse.getDefaultInstance();
        ModelConfigResponse.getDefaultInstance();
        ModelStreamInferResponse.getDefaultInstance();
        try {
            serverLive().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Triton down or slow: the classes are loaded all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * From now on, resets the channel's reconnect back-off every {@code interval} (see
     * {@link ReconnectWatch}), so a Triton that comes back is used within about one interval
     * whether or not anything probes readiness. Zero turns it off.
     */
    public synchronized void reconnectEvery(Duration interval) {
        if (reconnects != null) {
            reconnects.close();
            reconnects = null;
        }
        if (!interval.isZero()) {
            reconnects = new ReconnectWatch(channel, interval);
        }
    }

    /**
     * A channel that failed stays in back-off for up to two minutes. Readiness probes call this
     * so that radgate notices a restarted Triton within one probe period, not one back-off.
     */
    private void wakeIfDisconnected() {
        if (channel.getState(true) == ConnectivityState.TRANSIENT_FAILURE) {
            channel.resetConnectBackoff();
        }
    }

    private GRPCInferenceServiceStub control() {
        return stub.withDeadlineAfter(options.controlDeadline().toNanos(), TimeUnit.NANOSECONDS);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() {
        reconnectEvery(Duration.ZERO);
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
