package io.radgate.triton;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.grpc.NameResolver;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.function.Consumer;

/**
 * Tells the {@link ReplicaResolver} at once when a replica answers a call NOT_FOUND, so it probes
 * that replica now instead of at the next interval. A Triton that got SIGTERM answers NOT_FOUND
 * for every inference while it unloads, and fails its probe: out of rotation within a round trip
 * of its first such answer, before the call's retry (TritonServiceConfig, after a random back-off
 * of up to 100 ms) is sent, which round_robin might otherwise send to the same replica. Passed to
 * the resolver as a name-resolver argument of the channel; watches calls as an interceptor.
 */
final class ReplicaSuspicions implements ClientInterceptor {
    static final NameResolver.Args.Key<ReplicaSuspicions> ARG = NameResolver.Args.Key.create("radgate-suspicions");

    private volatile Consumer<SocketAddress> listener = a -> { };

    /** The resolver's handler of a suspect replica (the last one started wins). */
    void listen(Consumer<SocketAddress> onSuspect) {
        this.listener = onSuspect;
    }

    /** A call to {@code replica} was answered NOT_FOUND. */
    void suspect(SocketAddress replica) {
        listener.accept(replica);
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        AttemptReplica replica = new AttemptReplica((address, status) -> {
            if (status.getCode() == Status.Code.NOT_FOUND) {
                suspect(address);
            }
        });
        return next.newCall(method, options.withStreamTracerFactory(replica));
    }
}
