package io.radgate.http;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code maxRunning} requests of a route at once; up to {@code maxQueued} more wait in
 * arrival order, and beyond that a request is refused with UNAVAILABLE (503 + Retry-After) at
 * once rather than left hanging. Every successful {@link #acquire()} must be matched by one
 * {@link #release()}.
 */
public final class ConcurrencyLimit {
    private final String name;
    private final int maxRunning;
    private final int maxQueued;
    private final Deque<Promise<Void>> waiting = new ArrayDeque<>();
    private int running;

    public ConcurrencyLimit(String name, int maxRunning, int maxQueued) {
        if (maxRunning < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("concurrency limit " + maxRunning + " running, " + maxQueued + " queued");
        }
        this.name = name;
        this.maxRunning = maxRunning;
        this.maxQueued = maxQueued;
    }

    /** Completes when the caller may run; fails at once when the queue is full. */
    public synchronized Future<Void> acquire() {
        if (running < maxRunning) {
            running++;
            return Future.succeededFuture();
        }
        if (waiting.size() >= maxQueued) {
            return Future.failedFuture(new RadgateException(ErrorKind.UNAVAILABLE, name + " is busy: " + running
                    + " requests running and " + waiting.size() + " waiting; retry later"));
        }
        Promise<Void> p = Promise.promise();
        waiting.add(p);
        return p.future();
    }

    /** Hands the slot to the next waiting request, or frees it. */
    public void release() {
        Promise<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.complete();
        }
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int queued() {
        return waiting.size();
    }
}
