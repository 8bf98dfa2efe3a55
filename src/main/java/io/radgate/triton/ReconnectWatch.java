package io.radgate.triton;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps radgate's reconnect attempts to an unreachable Triton at most one interval apart.
 *
 * <p>grpc-java backs off reconnect attempts exponentially (1 s, 1.6 s, 2.6 s ... up to two
 * minutes), and a call made while the channel is in TRANSIENT_FAILURE fails at once without
 * trying to connect. After a Triton outage of a few minutes, a restarted Triton therefore went
 * unnoticed for up to two more minutes unless something (a readiness probe) reset the back-off.
 * While the channel is in TRANSIENT_FAILURE, this resets the back-off every interval, on a
 * thread of its own, so the next attempt is at most one interval away. A reset also makes the
 * channel resolve Triton's address again (a restarted pod may have a new one). A connected
 * channel is left alone: a reset would re-resolve names every interval for nothing. (With
 * several Tritons the channel is READY while any one is, so one that is down keeps gRPC's own
 * back-off until all are down or a readiness probe resets it.)
 */
final class ReconnectWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectWatch.class);

    private final ManagedChannel channel;
    private final ScheduledExecutorService timer;
    private boolean unreachable;

    ReconnectWatch(ManagedChannel channel, Duration every) {
        this.channel = channel;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radgate-triton-reconnect");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            ConnectivityState state = channel.getState(false);
            if (state == ConnectivityState.TRANSIENT_FAILURE && !unreachable) {
                unreachable = true;
                LOG.warn("Triton unreachable; retrying the connection every interval");
            } else if (state == ConnectivityState.READY && unreachable) {
                unreachable = false;
                LOG.info("Triton reachable again");
            }
            if (state == ConnectivityState.TRANSIENT_FAILURE) {
                channel.resetConnectBackoff();
            }
        } catch (RuntimeException e) {
            LOG.warn("Triton reconnect check failed: {}", e.getMessage()); // keep the timer running
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
