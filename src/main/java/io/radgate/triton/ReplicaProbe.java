package io.radgate.triton;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** Asks one Triton replica, at one address, whether it serves. */
interface ReplicaProbe extends AutoCloseable {
    /** Completes with true when the replica answered that it is live; false on any failure. Never fails. */
    CompletableFuture<Boolean> check();

    @Override
    void close();

    interface Factory {
        ReplicaProbe open(InetSocketAddress address);
    }
}
