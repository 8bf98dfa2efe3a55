package io.radgate.testing;

import io.radgate.config.ConfigSource;
import io.radgate.config.RadgateConfig;
import io.radgate.config.Setting;
import io.radgate.server.Radgate;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real radgate (all listeners on free ports) for a test, against the given Triton
 * targets. Its Vert.x checks for blocked threads every 100 ms with Vert.x's default event-loop
 * limit (2 s); {@link #close()} fails the test if any request blocked an event loop that long.
 */
public final class TestRadgate implements AutoCloseable {
    private final Radgate radgate;
    private final EventLoopStallGuard stalls;

    private TestRadgate(Radgate radgate, EventLoopStallGuard stalls) {
        this.radgate = radgate;
        this.stalls = stalls;
    }

    public static TestRadgate start(String tritonTargets, Map<Setting, String> more) {
        Map<Setting, String> s = new EnumMap<>(Setting.class);
        s.put(Setting.TRITON_TARGETS, tritonTargets);
        s.put(Setting.HTTP_HOST, "127.0.0.1");
        s.put(Setting.HTTP_PORT, "0");
        s.put(Setting.GRPC_PORT, "0");
        for (Setting port : Setting.values()) {
            if (port.key().endsWith(".port")) {
                s.put(port, "0"); // every protocol listener on a free port of its own
            }
        }
        try {
            // each instance its own embedded job store, so instances never share jobs
            s.put(Setting.JOBS_PATH, java.nio.file.Files.createTempDirectory("radgate-jobs").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        s.putAll(more);
        long max = EventLoopStallGuard.VERTX_DEFAULT_MAX_EVENT_LOOP_MS;
        Vertx vertx = Vertx.vertx(EventLoopStallGuard.options(max));
        EventLoopStallGuard stalls = EventLoopStallGuard.watching(vertx, max);
        Radgate r = new Radgate(RadgateConfig.from(ConfigSource.of(s)), vertx, true);
        join(r.start());
        return new TestRadgate(r, stalls);
    }

    public static TestRadgate start(String tritonTargets) {
        return start(tritonTargets, Map.of());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + radgate.httpPort() + path;
    }

    public int grpcPort() {
        return radgate.grpcPort();
    }

    /** URL on the listener of one protocol adapter (by its name). */
    public String url(String adapter, String path) {
        return "http://127.0.0.1:" + radgate.port(adapter) + path;
    }

    public Radgate radgate() {
        return radgate;
    }

    public static <T> T join(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What blocked a thread of this radgate's Vert.x past its limit, so far. */
    public EventLoopStallGuard stalls() {
        return stalls;
    }

    @Override
    public void close() {
        join(radgate.stop());
        stalls.assertNoStall();
    }
}
