package io.radgate.triton;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/** Adapts a unary gRPC call's observer to a CompletableFuture, failures mapped by {@link TritonErrors}. */
final class UnaryFuture<T> implements StreamObserver<T> {
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private final String what;
    private T value;

    UnaryFuture(String what) {
        this.what = what;
    }

    CompletableFuture<T> future() {
        return future;
    }

    @Override
    public void onNext(T v) {
        value = v;
    }

    @Override
    public void onError(Throwable t) {
        future.completeExceptionally(TritonErrors.map(what, t));
    }

    @Override
    public void onCompleted() {
        future.complete(value);
    }
}
