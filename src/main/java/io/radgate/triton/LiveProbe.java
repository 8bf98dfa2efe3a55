package io.radgate.triton;

import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.ServerLiveRequest;
import io.radgate.triton.proto.ServerLiveResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * KServe's ServerLive on a connection of its own to one address. Triton answers UNAVAILABLE from
 * the moment it gets SIGTERM (while it still answers inferences for a while), so a replica that is
 * being stopped is left out before its connection closes. A connection of its own, because the
 * shared channel's round_robin would send the probe to any replica.
 */
final class LiveProbe implements ReplicaProbe {
    private final ManagedChannel channel;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub;
    private final Duration timeout;

    private LiveProbe(InetSocketAddress address, Duration timeout) {
        this.channel = NettyChannelBuilder.forAddress(address, InsecureChannelCredentials.create())
                .userAgent("radgate-health").build();
        this.stub = GRPCInferenceServiceGrpc.newStub(channel);
        this.timeout = timeout;
    }

    static ReplicaProbe.Factory factory(Duration interval) {
        // an answer slower than the interval counts as a failure: the next probe is due
        Duration timeout = interval.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : interval;
        return address -> new LiveProbe(address, timeout);
    }

    @Override
    public CompletableFuture<Boolean> check() {
        CompletableFuture<Boolean> live = new CompletableFuture<>();
        if (channel.getState(false) == io.grpc.ConnectivityState.TRANSIENT_FAILURE) {
            channel.resetConnectBackoff(); // a replica that comes back is seen at the next probe
        }
        stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).serverLive(
                ServerLiveRequest.getDefaultInstance(), new StreamObserver<>() {
                    @Override
                    public void onNext(ServerLiveResponse r) {
                        live.complete(r.getLive());
                    }

                    @Override
                    public void onError(Throwable t) {
                        live.complete(false);
                    }

                    @Override
                    public void onCompleted() {
                        live.complete(false); // no answer: not live
                    }
                });
        return live;
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
