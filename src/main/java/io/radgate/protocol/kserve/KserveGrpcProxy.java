package io.radgate.protocol.kserve;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.http.MemoryBudget;
import io.radgate.http.RequestContext;
import io.radgate.observability.LogContext;
import io.radgate.triton.TritonClient;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KServe v2 gRPC ({@code inference.GRPCInferenceService}) served by radgate and forwarded to
 * Triton message for message: requests and responses stay protobuf bytes, never parsed, so
 * status codes and messages from Triton reach the client exactly as Triton sent them.
 * Shared-memory RPCs are refused (radgate is not on Triton's host), and repository load and
 * unload only pass when enabled by configuration.
 */
public final class KserveGrpcProxy implements io.vertx.core.Handler<GrpcServerRequest<Buffer, Buffer>> {
    static final String SERVICE = "inference.GRPCInferenceService";
    public static final String PROTOCOL_NAME = "kserve-grpc";
    private static final Logger ACCESS = LoggerFactory.getLogger("io.radgate.access");

    private static final Set<String> SHARED_MEMORY = Set.of(
            "SystemSharedMemoryStatus", "SystemSharedMemoryRegister", "SystemSharedMemoryUnregister",
            "CudaSharedMemoryStatus", "CudaSharedMemoryRegister", "CudaSharedMemoryUnregister");
    private static final Set<String> REPOSITORY_CONTROL = Set.of("RepositoryModelLoad", "RepositoryModelUnload");
    /** RPCs whose request message has the model name in field 1. */
    private static final Set<String> NAMES_A_MODEL = Set.of(
            "ModelReady", "ModelMetadata", "ModelInfer", "ModelStreamInfer", "ModelConfig", "ModelStatistics");
    private static final String STREAM = "ModelStreamInfer";

    /**
     * Memory per request byte while a unary call runs: the message Vert.x received and the copy
     * handed to grpc-java (Triton's answer is claimed when it arrives).
     */
    static final int MESSAGE_WEIGHT = 2;

    private final TritonClient triton;
    private final boolean repositoryControl;
    private final BooleanSupplier draining;
    private final MemoryBudget memory;
    private final io.radgate.observability.Metrics metrics;

    /** Admission of calls: true if one may run now (then {@link #leave()} once it ends). */
    public interface Gate {
        boolean tryEnter();

        void leave();
    }

    private final Gate gate;

    public KserveGrpcProxy(TritonClient triton, boolean repositoryControl, BooleanSupplier draining,
                           MemoryBudget memory, io.radgate.observability.Metrics metrics, Gate gate) {
        this.metrics = metrics;
        this.gate = gate;
        this.triton = triton;
        this.repositoryControl = repositoryControl;
        this.draining = draining;
        this.memory = memory;
    }

    @Override
    public void handle(GrpcServerRequest<Buffer, Buffer> req) {
        String method = req.methodName();
        LogContext log = new LogContext()
                .put(LogContext.REQUEST_ID, RequestContext.newRequestId(req.headers().get("x-request-id")))
                .put(LogContext.PROTOCOL, PROTOCOL_NAME)
                .put(LogContext.METHOD, method);
        io.radgate.observability.TraceParent trace = io.radgate.observability.TraceParent.continueOrStart(
                req.headers().get(io.radgate.observability.TraceParent.HEADER));
        log.put(LogContext.TRACE_ID, trace.traceId());
        long start = System.nanoTime();
        GrpcServerResponse<Buffer, Buffer> resp = req.response();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        MemoryBudget.Lease lease = memory.lease();
        java.util.concurrent.atomic.AtomicBoolean admitted = new java.util.concurrent.atomic.AtomicBoolean();
        Finisher finish = (status, message) -> {
            if (!finished.compareAndSet(false, true)) {
                return; // a stream refused by radgate, then cancelled towards Triton: answered once
            }
            lease.release();
            if (admitted.get()) {
                gate.leave();
            }
            log.put("grpc_status", status.name()).put(LogContext.LATENCY_MS, (System.nanoTime() - start) / 1_000_000);
            log.log(() -> ACCESS.info("request"));
            metrics.request(PROTOCOL_NAME, method, status == GrpcStatus.OK ? log.get(LogContext.MODEL) : null,
                    status.name(), System.nanoTime() - start);
            if (status != GrpcStatus.OK) {
                resp.status(status);
                if (message != null) {
                    resp.statusMessage(StatusMessageFit.fit(message, clientMaxHeaderListSize(req)));
                }
            }
            resp.end();
        };
        Refusal refusal = refusal(req.serviceName().fullyQualifiedName(), method);
        if (refusal != null) {
            req.handler(b -> { });
            req.endHandler(v -> finish.end(refusal.status(), refusal.message()));
            return;
        }
        if (!gate.tryEnter()) {
            req.handler(b -> { });
            req.endHandler(v -> finish.end(GrpcStatus.UNAVAILABLE,
                    "radgate is busy: every call slot of this listener is taken; retry later"));
            return;
        }
        admitted.set(true);
        Duration deadline = triton.options().inferDeadline();
        if (req.timeout() > 0 && req.timeout() < deadline.toMillis()) {
            deadline = Duration.ofMillis(req.timeout());
        }
        boolean stream = STREAM.equals(method);
        MethodDescriptor<byte[], byte[]> md = MethodDescriptor.newBuilder(RawBytesMarshaller.INSTANCE, RawBytesMarshaller.INSTANCE)
                .setFullMethodName(SERVICE + "/" + method)
                .setType(stream ? MethodDescriptor.MethodType.BIDI_STREAMING : MethodDescriptor.MethodType.UNARY)
                .build();
        ClientCall<byte[], byte[]> call = triton.channel().newCall(md, triton.callOptions(deadline)
                .withOption(TritonClient.TRACEPARENT, trace.header()));
        Context ctx = io.vertx.core.Vertx.currentContext();
        StreamObserver<byte[]> fromTriton = new StreamObserver<>() {
            @Override
            public void onNext(byte[] value) {
                if (!stream) {
                    try {
                        lease.claim(value.length, "Triton's answer of " + value.length + " bytes");
                    } catch (RadgateException e) {
                        call.cancel("over radgate's memory budget", null);
                        ctx.runOnContext(v -> finish.end(budgetStatus(e), e.getMessage()));
                        return;
                    }
                }
                ctx.runOnContext(v -> resp.write(Buffer.buffer(value)));
            }

            @Override
            public void onError(Throwable t) {
                Status s = t instanceof StatusRuntimeException e ? e.getStatus() : Status.fromThrowable(t);
                ctx.runOnContext(v -> finish.end(GrpcStatus.valueOf(s.getCode().value()), s.getDescription()));
            }

            @Override
            public void onCompleted() {
                ctx.runOnContext(v -> finish.end(GrpcStatus.OK, null));
            }
        };
        if (stream) {
            StreamObserver<byte[]> toTriton = ClientCalls.asyncBidiStreamingCall(call, fromTriton);
            req.handler(b -> {
                byte[] bytes = b.getBytes();
                String problem = GrpcRequestCheck.problem(method, bytes);
                if (problem != null) {
                    call.cancel(problem, null);
                    finish.end(GrpcStatus.INVALID_ARGUMENT, problem);
                    return;
                }
                noteModel(log, method, bytes);
                try {
                    // held only while handed on: grpc-java's flow control bounds what it buffers
                    lease.claim(bytes.length, "a stream message of " + bytes.length + " bytes");
                } catch (RadgateException e) {
                    call.cancel("over radgate's memory budget", null);
                    finish.end(budgetStatus(e), e.getMessage());
                    return;
                }
                toTriton.onNext(bytes);
                lease.unclaim(bytes.length);
            });
            req.endHandler(v -> toTriton.onCompleted());
            req.exceptionHandler(t -> call.cancel("client went away", t));
        } else {
            Buffer[] message = new Buffer[1];
            req.handler(b -> message[0] = b);
            req.exceptionHandler(t -> call.cancel("client went away", t));
            req.endHandler(v -> {
                byte[] bytes = message[0] == null ? new byte[0] : message[0].getBytes();
                String problem = GrpcRequestCheck.problem(method, bytes);
                if (problem != null) {
                    finish.end(GrpcStatus.INVALID_ARGUMENT, problem);
                    return;
                }
                noteModel(log, method, bytes);
                try {
                    lease.claim((long) MESSAGE_WEIGHT * bytes.length, "a request message of " + bytes.length + " bytes");
                } catch (RadgateException e) {
                    finish.end(budgetStatus(e), e.getMessage());
                    return;
                }
                ClientCalls.asyncUnaryCall(call, bytes, fromTriton);
            });
        }
    }

    /** Other requests hold the budget now: retry (UNAVAILABLE); more than the whole budget: RESOURCE_EXHAUSTED. */
    private static GrpcStatus budgetStatus(RadgateException e) {
        return e.kind() == ErrorKind.TOO_LARGE ? GrpcStatus.RESOURCE_EXHAUSTED : GrpcStatus.UNAVAILABLE;
    }

    /** SETTINGS_MAX_HEADER_LIST_SIZE the client advertised (0: none known). */
    private static long clientMaxHeaderListSize(GrpcServerRequest<Buffer, Buffer> req) {
        io.vertx.core.http.HttpConnection c = req.connection();
        io.vertx.core.http.Http2Settings remote = c == null ? null : c.remoteSettings();
        return remote == null ? 0 : remote.getMaxHeaderListSize();
    }

    private record Refusal(GrpcStatus status, String message) {
    }

    private Refusal refusal(String service, String method) {
        if (!SERVICE.equals(service)) {
            return new Refusal(GrpcStatus.UNIMPLEMENTED, "radgate serves only " + SERVICE);
        }
        if (draining.getAsBoolean()) {
            return new Refusal(GrpcStatus.UNAVAILABLE, "radgate is shutting down");
        }
        if (SHARED_MEMORY.contains(method)) {
            return new Refusal(GrpcStatus.UNIMPLEMENTED,
                    "shared memory is not offered: radgate is not on Triton's host; send tensors in the request");
        }
        if (REPOSITORY_CONTROL.contains(method) && !repositoryControl) {
            return new Refusal(GrpcStatus.PERMISSION_DENIED,
                    "repository load/unload through radgate is disabled (kserve.repository-control)");
        }
        return null;
    }

    /** Puts the model name (field 1 of the request) in the log context without parsing the tensors. */
    private static void noteModel(LogContext log, String method, byte[] request) {
        if (log.get(LogContext.MODEL) != null || !NAMES_A_MODEL.contains(method)) {
            return;
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(request);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 1
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    log.put(LogContext.MODEL, in.readStringRequireUtf8());
                    return;
                }
                in.skipField(tag);
            }
        } catch (IOException e) {
            // Not our concern: Triton will reject the malformed message and say why.
        }
    }

    @FunctionalInterface
    private interface Finisher {
        void end(GrpcStatus status, String message);
    }
}
