package io.radgate.testing;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Collects the responses of a gRPC stream until it ends, for tests. */
public final class StreamCollector<T> implements StreamObserver<T> {
    private final List<T> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable error;

    @Override
    public void onNext(T value) {
        received.add(value);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        done.countDown();
    }

    @Override
    public void onCompleted() {
        done.countDown();
    }

    /** Waits for the end of the stream; fails if it ended with an error or did not end in time. */
    public List<T> await(long seconds) throws InterruptedException {
        if (!done.await(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("stream did not end within " + seconds + " s");
        }
        if (error != null) {
            throw new AssertionError("stream failed: " + error, error);
        }
        return received;
    }
}
