package io.radgate.testing;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import io.radgate.triton.proto.ModelReadyRequest;
import io.radgate.triton.proto.ModelReadyResponse;
import io.radgate.triton.proto.ModelStreamInferResponse;
import io.radgate.triton.proto.ServerLiveRequest;
import io.radgate.triton.proto.ServerLiveResponse;
import io.radgate.triton.proto.ServerReadyRequest;
import io.radgate.triton.proto.ServerReadyResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An in-process stand-in for Triton's gRPC API, for fast tests of error paths (down, slow,
 * wrong shapes). It is NEVER the only proof: the integration tests run the real Triton.
 *
 * <p>By default it echoes every input back as an output of the same name, datatype and shape.
 */
public final class FakeTriton implements AutoCloseable {
    public volatile boolean serverReady = true;
    public final Set<String> readyModels = ConcurrentHashMap.newKeySet();
    public volatile long delayMillis;
    public volatile Function<ModelInferRequest, ModelInferResponse> infer = FakeTriton::echo;
    public final List<ModelInferRequest> received = new CopyOnWriteArrayList<>();
    /** The traceparent metadata of every call, in order ("" when a call had none). */
    public final List<String> traceparents = new CopyOnWriteArrayList<>();

    private Server server;
    private int port;

    public FakeTriton start() throws IOException {
        return start(0);
    }

    public FakeTriton start(int fixedPort) throws IOException {
        server = Grpc.newServerBuilderForPort(fixedPort, InsecureServerCredentials.create())
                .maxInboundMessageSize(64 << 20)
                .addService(io.grpc.ServerInterceptors.intercept(new Service(), new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                            io.grpc.Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                        String t = headers.get(io.grpc.Metadata.Key.of("traceparent", io.grpc.Metadata.ASCII_STRING_MARSHALLER));
                        traceparents.add(t == null ? "" : t);
                        return next.startCall(call, headers);
                    }
                }))
                .build()
                .start();
        port = server.getPort();
        return this;
    }

    public int port() {
        return port;
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    /** Stops the server at once, as a crashed Triton would. */
    public void kill() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (server != null) {
            kill();
        }
    }

    public static ModelInferResponse echo(ModelInferRequest r) {
        ModelInferResponse.Builder b = ModelInferResponse.newBuilder()
                .setModelName(r.getModelName()).setModelVersion("1").setId(r.getId());
        for (int i = 0; i < r.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor in = r.getInputs(i);
            b.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(in.getName()).setDatatype(in.getDatatype()).addAllShape(in.getShapeList()));
            b.addRawOutputContents(r.getRawInputContents(i));
        }
        return b.build();
    }

    private void pause() {
        long d = delayMillis;
        if (d > 0) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Service extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
        @Override
        public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
            out.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
            out.onCompleted();
        }

        @Override
        public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> out) {
            out.onNext(ServerReadyResponse.newBuilder().setReady(serverReady).build());
            out.onCompleted();
        }

        @Override
        public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
            if (!readyModels.contains(request.getName()) && !request.getName().startsWith("known")) {
                out.onError(Status.NOT_FOUND.withDescription("Request for unknown model: '"
                        + request.getName() + "' is not found").asRuntimeException());
                return;
            }
            out.onNext(ModelReadyResponse.newBuilder().setReady(readyModels.contains(request.getName())).build());
            out.onCompleted();
        }

        @Override
        public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
            received.add(request);
            pause();
            try {
                out.onNext(infer.apply(request));
                out.onCompleted();
            } catch (RuntimeException e) {
                out.onError(Status.fromThrowable(e).asRuntimeException());
            }
        }

        @Override
        public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> out) {
            return new StreamObserver<>() {
                @Override
                public void onNext(ModelInferRequest r) {
                    received.add(r);
                    out.onNext(ModelStreamInferResponse.newBuilder().setInferResponse(infer.apply(r)).build());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    out.onCompleted();
                }
            };
        }
    }
}
