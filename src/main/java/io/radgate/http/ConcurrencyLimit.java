package io.radgate.http;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code maxRunning} requests of a route at once; up to {@code maxQueued} more wait in
 * arrival order, and beyond that a request is refused with UNAVAILABLE (503 + Retry-After) at
 * once rather than left hanging. Every successful {@link #acquire()} must be matched by one
 * {@link #release()}.
 *
 * <p>A request that waits resumes on the Vert.x context it queued from (its request's event
 * loop), never on the thread that happened to release the slot: for CT-CLIP that is a gRPC
 * executor thread, and code resumed there would see no context and write the response from
 * a context of its own.
 */
public final class ConcurrencyLimit {
    private final String name;
    private final int maxRunning;
    private final int maxQueued;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
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
        waiting.add(new Waiter(p, Vertx.currentContext()));
        return p.future();
    }

    /** Takes a slot if one is free now, never waiting: true if taken (then {@link #release()} once). */
    public synchronized boolean tryAcquire() {
        if (running < maxRunning) {
            running++;
            return true;
        }
        return false;
    }

    /** Hands the slot to the next waiting request, or frees it. */
    public void release() {
        Waiter next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.resume();
        }
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int queued() {
        return waiting.size();
    }

    /** A queued request: its promise and the context (null outside Vert.x) it resumes on. */
    private record Waiter(Promise<Void> promise, Context context) {
        void resume() {
            if (context == null) {
                promise.complete();
            } else {
                context.runOnContext(v -> promise.complete());
            }
        }
    }
}
