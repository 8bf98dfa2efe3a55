package io.radgate.triton;

import io.grpc.Attributes;
import io.grpc.ClientStreamTracer;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.function.BiConsumer;

/**
 * For one call: the replica its latest attempt went to (the transport's remote address; null
 * while no attempt has a connection), and optionally a callback when an attempt ends.
 */
final class AttemptReplica extends ClientStreamTracer.Factory {
    private final BiConsumer<SocketAddress, Status> onAttemptEnd;
    private volatile SocketAddress address;

    AttemptReplica(BiConsumer<SocketAddress, Status> onAttemptEnd) {
        this.onAttemptEnd = onAttemptEnd;
    }

    AttemptReplica() {
        this((a, s) -> { });
    }

    SocketAddress address() {
        return address;
    }

    @Override
    public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
        return new ClientStreamTracer() {
            private volatile SocketAddress mine;

            @Override
            public void streamCreated(Attributes transportAttrs, Metadata headers) {
                mine = transportAttrs.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                address = mine;
            }

            @Override
            public void streamClosed(Status status) {
                if (mine != null) {
                    onAttemptEnd.accept(mine, status);
                }
            }
        };
    }
}
