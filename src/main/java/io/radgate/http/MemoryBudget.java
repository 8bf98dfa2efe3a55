package io.radgate.http;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all requests in flight may hold together, across every listener: request bodies
 * buffered in memory, the pixels their images decode to and the answers they render. Each
 * request takes a {@link Lease} and claims bytes on it BEFORE it allocates them; the lease is
 * given back as a whole when the request ends (answered, failed or its connection closed).
 *
 * <p>A claim that does not fit what other requests hold now is refused at once with UNAVAILABLE
 * (503 + Retry-After): waiting would only hold the connection while memory is short. A claim
 * larger than the whole budget can never fit and is TOO_LARGE (413). So heavy traffic is shed
 * before the heap runs out, instead of every request (health probes included) failing with
 * OutOfMemoryError.
 */
public final class MemoryBudget {
    /** The budget's setting, named in messages (literal: http does not import config; PackageDependenciesTest). */
    public static final String SETTING = "limits.memory-budget-bytes";
    /** Share of the maximum heap the budget takes by default: the rest is radgate's own working set. */
    public static final int DEFAULT_HEAP_DIVISOR = 4;

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    public MemoryBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("memory budget of " + capacity + " bytes");
        }
        this.capacity = capacity;
    }

    /** The budget a setting value stands for: itself, or for 0 a quarter of the JVM's maximum heap. */
    public static MemoryBudget of(long configured) {
        return new MemoryBudget(configured > 0 ? configured : Runtime.getRuntime().maxMemory() / DEFAULT_HEAP_DIVISOR);
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes held by all leases now. */
    public long used() {
        return used.get();
    }

    public Lease lease() {
        return new Lease();
    }

    /** Takes {@code bytes} if they fit; false (nothing taken) otherwise. */
    boolean tryTake(long bytes) {
        while (true) {
            long now = used.get();
            if (bytes > capacity - now) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void giveBack(long bytes) {
        used.addAndGet(-bytes);
    }

    /** One request's share of the budget. Thread-safe: claims come from event loops and worker threads. */
    public final class Lease {
        private long held;
        private boolean closed;

        private Lease() {
        }

        /**
         * Claims {@code bytes} more for this request.
         *
         * @param what names what needs the memory, for the message ("a request body of 63 MB")
         * @throws RadgateException TOO_LARGE when the request's claims exceed the whole budget,
         *                          UNAVAILABLE (503, retry later) when other requests hold too much now
         */
        public void claim(long bytes, String what) {
            if (bytes <= 0) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    throw RadgateException.unavailable("the request has ended");
                }
                if (bytes > capacity - held) {
                    throw new RadgateException(ErrorKind.TOO_LARGE, what + " needs " + bytes + " bytes of memory "
                            + "(with the " + held + " this request holds), more than radgate's whole memory budget of "
                            + capacity + " bytes (" + SETTING + ")");
                }
                if (!tryTake(bytes)) {
                    throw new RadgateException(ErrorKind.UNAVAILABLE, "radgate's memory budget is in use by other "
                            + "requests (" + used() + " of " + capacity + " bytes held; " + what + " needs " + bytes
                            + "); retry later");
                }
                held += bytes;
            }
        }

        /** Gives back part of what this request claimed, memory it no longer holds. */
        public void unclaim(long bytes) {
            long back;
            synchronized (this) {
                if (closed || bytes <= 0) {
                    return;
                }
                back = Math.min(bytes, held);
                held -= back;
            }
            giveBack(back);
        }

        /** Bytes this request holds. */
        public synchronized long held() {
            return held;
        }

        /** Gives everything back; later calls do nothing, later claims fail. */
        public void release() {
            long back;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                back = held;
                held = 0;
            }
            giveBack(back);
        }
    }
}
