package io.radgate.server;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.http.RequestContext;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines on what a client sends, for one listener, so that slow or stalled clients cannot
 * hold connections (file descriptors, upload slots, memory) for ever:
 * <ul>
 *   <li>header: a new connection must deliver its first request's headers within
 *       {@code http.header-timeout-ms};</li>
 *   <li>idle: a connection with no request in progress is closed after {@code http.idle-timeout-ms}
 *       (so the next request's headers on a kept-alive connection must come within it);</li>
 *   <li>body: once its headers are in, a request's body must arrive in full within
 *       {@code http.body-timeout-ms}: an HTTP/1 request gets 408 in its protocol's body shape and
 *       the connection is closed; an HTTP/2 (gRPC) stream is reset.</li>
 * </ul>
 * A request being WORKED ON (its body received, its answer not yet written) has no deadline
 * here: that is Triton's deadline. This is why Vert.x's own idle timeout, which counts any
 * silence (a CT-CLIP study waiting in its queue, a long inference) is only used before Vert.x
 * knows the connection: {@link #options} sets it to the header timeout, and
 * {@link #onConnection} removes it from the connection's pipeline when this watcher takes over.
 * A connection is checked every {@link Timeouts#tickMillis()}.
 */
final class ConnectionDeadlines {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDeadlines.class);

    /** The three deadlines, in milliseconds. */
    record Timeouts(long headerMillis, long idleMillis, long bodyMillis) {
        long tickMillis() {
            return Math.max(10, Math.min(1000, Math.min(headerMillis, Math.min(idleMillis, bodyMillis)) / 4));
        }
    }

    private final Vertx vertx;
    private final Timeouts timeouts;
    private final Predicate<HttpServerRequest> streaming;
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

    /**
     * @param streaming requests whose body is a stream without a natural end (gRPC streaming
     *                  calls): they get no body deadline
     */
    ConnectionDeadlines(Vertx vertx, Timeouts timeouts, Predicate<HttpServerRequest> streaming) {
        this.vertx = vertx;
        this.timeouts = timeouts;
        this.streaming = streaming;
    }

    /** Vert.x's idle timeout covers a socket before Vert.x has made a connection of it (say, a half-sent HTTP/2 preface). */
    HttpServerOptions options(HttpServerOptions options) {
        return options.setIdleTimeout((int) Math.max(1, timeouts.headerMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    }

    void onConnection(HttpConnection conn) {
        Watch w = new Watch(conn);
        watches.put(conn, w);
        NettyPipeline.removeIdleHandler(conn);
        io.vertx.core.Context context = vertx.getOrCreateContext();
        NettyPipeline.onBadFraming(conn, cause -> context.runOnContext(v -> w.badFraming(cause)));
        w.timer = vertx.setPeriodic(timeouts.tickMillis(), id -> w.check());
        conn.closeHandler(v -> {
            vertx.cancelTimer(w.timer);
            watches.remove(conn);
        });
    }

    /** Wraps a listener's request handler so that every request is watched. */
    Handler<HttpServerRequest> watching(Handler<HttpServerRequest> next) {
        return req -> {
            Watch w = watches.get(req.connection());
            if (w != null) {
                w.started(req);
            }
            next.handle(req);
        };
    }

    /** First route handler: lets a body timeout fail the request through its routing context (protocol body shape). */
    Handler<RoutingContext> binder() {
        return ctx -> {
            Watch w = watches.get(ctx.request().connection());
            if (w != null) {
                w.bind(ctx);
            }
            ctx.next();
        };
    }

    /** Connections now watched (for tests). */
    int watched() {
        return watches.size();
    }

    /** One request in progress. */
    private static final class Active {
        final HttpServerRequest request;
        final long startedNanos;
        RoutingContext ctx;

        Active(HttpServerRequest request, long startedNanos) {
            this.request = request;
            this.startedNanos = startedNanos;
        }

        boolean finished() {
            var response = request.response();
            return response.closed() || response.ended() && request.isEnded();
        }
    }

    /** The state of one connection; touched only on its event loop. */
    private final class Watch {
        final HttpConnection conn;
        final List<Active> active = new ArrayList<>();
        long timer;
        long idleSinceNanos = System.nanoTime();
        boolean served;
        boolean closing;

        Watch(HttpConnection conn) {
            this.conn = conn;
        }

        void started(HttpServerRequest req) {
            active.add(new Active(req, System.nanoTime()));
            served = true;
        }

        void bind(RoutingContext ctx) {
            for (Active a : active) {
                if (a.request == ctx.request()) {
                    a.ctx = ctx;
                }
            }
        }

        void check() {
            if (closing) {
                return;
            }
            long now = System.nanoTime();
            if (active.removeIf(Active::finished) && active.isEmpty()) {
                idleSinceNanos = now;
            }
            for (Active a : List.copyOf(active)) {
                if (!a.request.isEnded() && !streaming.test(a.request)
                        && elapsedMillis(a.startedNanos, now) > timeouts.bodyMillis()) {
                    bodyTimeout(a);
                }
            }
            if (active.isEmpty() && !closing) {
                long limit = served ? timeouts.idleMillis() : timeouts.headerMillis();
                if (elapsedMillis(idleSinceNanos, now) > limit) {
                    LOG.debug("closing a connection: {}", served ? "idle" : "no request headers in time");
                    closing = true;
                    if (served) {
                        conn.shutdown(1, TimeUnit.SECONDS); // HTTP/2: GOAWAY first, so clients reconnect cleanly
                    } else {
                        conn.close();
                    }
                }
            }
        }

        private void bodyTimeout(Active a) {
            String message = "the request body did not arrive within " + timeouts.bodyMillis() + " ms";
            if (a.request.version() == HttpVersion.HTTP_2) {
                a.request.response().reset(0x8); // CANCEL this stream; the connection's other streams go on
                active.remove(a);
                return;
            }
            fail(a, new RadgateException(ErrorKind.REQUEST_TIMEOUT, message));
        }

        /** The HTTP/1 codec found the body's framing broken (say, an invalid chunk-size line). */
        void badFraming(Throwable cause) {
            for (Active a : List.copyOf(active)) {
                if (!a.request.isEnded()) {
                    fail(a, RadgateException.badInput("malformed request body framing: "
                            + NettyPipeline.describe(cause)));
                    return;
                }
            }
            closing = true;
            conn.close();
        }

        /** Answers {@code a} with {@code error} if nothing was answered yet, then closes the connection. */
        private void fail(Active a, RadgateException error) {
            closing = true;
            var response = a.request.response();
            if (response.headWritten() || response.closed()) {
                conn.close();
                return;
            }
            RequestContext.closeConnectionAfter(a.request);
            vertx.setTimer(1000, id -> conn.close()); // in case the answer is never written
            if (a.ctx != null && !a.ctx.failed()) {
                a.ctx.addEndHandler(ar -> conn.close());
                a.ctx.fail(error);
            } else {
                response.setStatusCode(error.httpStatus()).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end(error.getMessage()).onComplete(ar -> conn.close());
            }
        }
    }

    private static long elapsedMillis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
