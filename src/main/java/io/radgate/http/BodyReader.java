package io.radgate.http;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Reads a request body into memory for every listener that needs it whole (it replaces Vert.x's
 * BodyHandler there), within two bounds checked before the bytes are held:
 * <ul>
 *   <li>the body limit ({@code limits.max-body-bytes}): a declared Content-Length over it is 413
 *       at once; a body without one is cut off with 413 as soon as it passes the limit;</li>
 *   <li>the global {@link MemoryBudget}: the request's lease claims {@code weight} bytes per body
 *       byte (the body and the copies its parsing makes) — for a Content-Length at once, for a
 *       chunked body as the chunks arrive. A claim that does not fit is 503 with Retry-After
 *       at once.</li>
 * </ul>
 * After a refusal the rest of the body is read and dropped (never held), so the client, still
 * sending, gets the answer instead of a reset. The buffer is allocated once, at the declared
 * length, after the claim succeeded. Put credential checks BEFORE this handler: a request that
 * is refused anyway should not cost memory.
 */
public final class BodyReader implements Handler<RoutingContext> {
    /** The setting of the body limit, named in the 413 (literal: http does not import config; PackageDependenciesTest). */
    public static final String MAX_BODY_BYTES_SETTING = "limits.max-body-bytes";
    private static final int CHUNKED_INITIAL_BYTES = 64 * 1024;

    private final MemoryBudget budget;
    private final long maxBytes;
    private final int weight;

    /**
     * @param weight bytes of memory one body byte costs while the request runs (1: just the
     *               body; 2: the body and one parsed copy of its content)
     */
    public BodyReader(MemoryBudget budget, long maxBytes, int weight) {
        if (weight < 1) {
            throw new IllegalArgumentException("weight " + weight);
        }
        this.budget = budget;
        this.maxBytes = maxBytes;
        this.weight = weight;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        RequestContext.bodyLimit(ctx, maxBytes);
        if (req.isEnded()) {
            ((RoutingContextInternal) ctx).setBody(Buffer.buffer());
            ctx.next();
            return;
        }
        long declared = contentLength(req);
        if (declared > maxBytes) {
            refuse(ctx, tooLarge(maxBytes));
            return;
        }
        MemoryBudget.Lease lease = RequestMemory.lease(ctx, budget);
        if (declared > 0) {
            try {
                lease.claim(declared * weight, "a request body of " + declared + " bytes");
            } catch (RadgateException e) {
                refuse(ctx, e);
                return;
            }
        }
        if ("100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))
                && req.version() != io.vertx.core.http.HttpVersion.HTTP_1_0) {
            ctx.response().writeContinue(); // only once the body is accepted: a refused client never sends it
        }
        new Reading(ctx, lease, declared).start();
    }

    /** One body being read. Runs on the request's event loop. */
    private final class Reading {
        private final RoutingContext ctx;
        private final MemoryBudget.Lease lease;
        private final long declared;
        private Buffer body;
        private long received;
        /** Body bytes the lease already covers. */
        private long claimed;
        private boolean failed;

        Reading(RoutingContext ctx, MemoryBudget.Lease lease, long declared) {
            this.ctx = ctx;
            this.lease = lease;
            this.declared = declared;
            this.claimed = Math.max(declared, 0);
        }

        void start() {
            body = Buffer.buffer((int) (declared >= 0 ? declared : Math.min(CHUNKED_INITIAL_BYTES, maxBytes)));
            HttpServerRequest req = ctx.request();
            req.exceptionHandler(t -> {
                if (!failed) {
                    failed = true;
                    body = null;
                    ctx.fail(400, t);
                }
            });
            req.handler(this::chunk).endHandler(v -> end()).resume();
        }

        private void chunk(Buffer chunk) {
            if (failed) {
                // dropped: the answer is out already; a body that goes on and on loses its connection
                received += chunk.length();
                if (received > maxBytes + LINGER_BYTES) {
                    ctx.request().connection().close();
                }
                return;
            }
            received += chunk.length();
            if (received > maxBytes) {
                fail(tooLarge(maxBytes));
                return;
            }
            if (received > claimed) {
                // no Content-Length (chunked): claim as the bytes arrive
                try {
                    lease.claim((received - claimed) * weight, "a request body of over " + claimed + " bytes");
                } catch (RadgateException e) {
                    fail(e);
                    return;
                }
                claimed = received;
            }
            body.appendBuffer(chunk);
        }

        private void end() {
            if (failed) {
                return;
            }
            Buffer done = body;
            body = null;
            ((RoutingContextInternal) ctx).setBody(done);
            ctx.next();
        }

        private void fail(RadgateException e) {
            failed = true;
            body = null;
            RequestContext.closeConnectionAfter(ctx.request());
            ctx.fail(e); // chunk() drops what still arrives
        }
    }

    /**
     * Fails the request at once with {@code e} and drops whatever of its body still arrives (never
     * held), so a client still sending reads the answer instead of a reset. The answer says
     * {@code Connection: close}: the connection is closed once it is written when the client
     * waits for "100 Continue" (it will not send the body, and the connection could not carry
     * another request), or once more than {@link #LINGER_BYTES} were dropped.
     */
    public static void refuse(RoutingContext ctx, RadgateException e) {
        HttpServerRequest req = ctx.request();
        if (!req.isEnded() && req.version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            boolean waitsForContinue = "100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT));
            if (waitsForContinue) {
                ctx.response().endHandler(v -> req.connection().close());
            } else {
                long[] dropped = {0};
                req.handler(chunk -> {
                    dropped[0] += chunk.length();
                    if (dropped[0] > LINGER_BYTES) {
                        req.connection().close();
                    }
                });
            }
        }
        req.resume();
        ctx.fail(e);
    }

    /** Most bytes of a refused body read and dropped before its connection is closed. */
    static final long LINGER_BYTES = 256L << 20;

    private static RadgateException tooLarge(long max) {
        return new RadgateException(ErrorKind.TOO_LARGE, "the request body exceeds the limit of " + max + " bytes ("
                + MAX_BODY_BYTES_SETTING + ")");
    }

    static long contentLength(HttpServerRequest req) {
        String v = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (v == null || v.isEmpty()) {
            return -1;
        }
        try {
            long n = Long.parseLong(v.trim());
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
