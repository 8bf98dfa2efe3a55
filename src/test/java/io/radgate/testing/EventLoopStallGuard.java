package io.radgate.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Records every time Vert.x's blocked-thread checker finds a thread of one Vert.x instance
 * blocked past its limit (an event loop busy longer than {@link #maxEventLoopMillis()}), so a
 * test can fail on it instead of the warning scrolling by in a log. {@link TestRadgate} watches
 * every radgate it starts and fails on close if a request stalled an event loop.
 */
public final class EventLoopStallGuard {
    /** Vert.x's own default warning threshold for event loops (VertxOptions: 2 s). */
    public static final long VERTX_DEFAULT_MAX_EVENT_LOOP_MS = TimeUnit.MILLISECONDS.convert(
            VertxOptions.DEFAULT_MAX_EVENT_LOOP_EXECUTE_TIME, VertxOptions.DEFAULT_MAX_EVENT_LOOP_EXECUTE_TIME_UNIT);
    /** How often the checker looks: often, so that a stall just over the limit is seen. */
    static final long CHECK_INTERVAL_MS = 100;

    private final long maxEventLoopMillis;
    private final List<String> stalls = new ArrayList<>();

    private EventLoopStallGuard(long maxEventLoopMillis) {
        this.maxEventLoopMillis = maxEventLoopMillis;
    }

    /** Vert.x options whose checker looks every 100 ms and warns past {@code maxEventLoopMillis}. */
    public static VertxOptions options(long maxEventLoopMillis) {
        return new VertxOptions()
                .setBlockedThreadCheckInterval(CHECK_INTERVAL_MS)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(maxEventLoopMillis)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(maxEventLoopMillis)
                .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    }

    /** A Vert.x instance with Vert.x's default threshold, checked every 100 ms, and its guard. */
    public static EventLoopStallGuard watching(Vertx vertx, long maxEventLoopMillis) {
        EventLoopStallGuard guard = new EventLoopStallGuard(maxEventLoopMillis);
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(guard::record);
        return guard;
    }

    public long maxEventLoopMillis() {
        return maxEventLoopMillis;
    }

    private void record(BlockedThreadEvent e) {
        long ms = TimeUnit.NANOSECONDS.toMillis(e.duration());
        String where = Arrays.stream(e.thread().getStackTrace()).limit(25).map(f -> "    at " + f)
                .collect(Collectors.joining("\n"));
        String line = "Thread " + e.thread().getName() + " blocked for " + ms + " ms, limit "
                + TimeUnit.NANOSECONDS.toMillis(e.maxExecTime()) + " ms:\n" + where;
        System.err.println("EventLoopStallGuard: " + line);
        synchronized (stalls) {
            stalls.add(line);
        }
    }

    public List<String> stalls() {
        synchronized (stalls) {
            return List.copyOf(stalls);
        }
    }

    /** Fails when any thread was blocked past its limit since this guard was installed. */
    public void assertNoStall() {
        List<String> seen = stalls();
        if (!seen.isEmpty()) {
            throw new AssertionError(seen.size() + " blocked-thread warning(s): a handler kept a Vert.x thread busy"
                    + " longer than " + maxEventLoopMillis + " ms; the first:\n" + seen.get(0));
        }
    }
}
