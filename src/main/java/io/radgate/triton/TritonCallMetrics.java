package io.radgate.triton;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Times every call radgate makes to Triton: {@code radgate_triton_calls_seconds} per method,
 * model (from {@link TritonClient#MODEL} in the call options; of successful calls only), replica (the address the call's
 * last attempt went to, from the transport; "none" when no attempt got a connection) and gRPC
 * status.
 */
final class TritonCallMetrics implements ClientInterceptor {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    TritonCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static String label(java.net.SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() + ":" + i.getPort() : "none";
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        long start = System.nanoTime();
        AttemptReplica replica = new AttemptReplica();
        String model = options.getOption(TritonClient.MODEL);
        ClientCall<Q, R> call = next.newCall(method, options.withStreamTracerFactory(replica));
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        Timer.builder("radgate.triton.calls")
                                .description("Calls to Triton, per method, model, replica and gRPC status")
                                .serviceLevelObjectives(BUCKETS)
                                .tag("method", method.getBareMethodName() == null ? method.getFullMethodName()
                                        : method.getBareMethodName())
                                // a model named by a client is a label only once Triton knew it
                                .tag("model", model == null || model.isEmpty() || !status.isOk() ? "none" : model)
                                .tag("replica", label(replica.address()))
                                .tag("status", status.getCode().name())
                                .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
