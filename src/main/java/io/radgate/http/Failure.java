package io.radgate.http;

import io.radgate.error.ErrorKind;
import io.radgate.error.PublicText;
import io.radgate.error.RadgateException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed request, classified once: the status, a message naming the problem, and whether
 * to send Retry-After. Every protocol renders this in its own body shape.
 */
public record Failure(int status, String message, boolean retryable) {
    private static final Logger LOG = LoggerFactory.getLogger(Failure.class);

    /** Every body is rendered from this message, so no Java class name or stack frame leaves here. */
    public Failure {
        message = PublicText.of(message);
    }

    /** Seconds a client should wait before retrying a 503. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public static Failure of(RoutingContext ctx) {
        Throwable t = ctx.failure();
        if (t instanceof RadgateException r) {
            return of(r);
        }
        if (t == null || ctx.statusCode() > 0 && ctx.statusCode() != 500) {
            return ofStatus(ctx.statusCode() > 0 ? ctx.statusCode() : 500, ctx);
        }
        if (t.getCause() instanceof RadgateException r) {
            return of(r);
        }
        if (rootOf(t) instanceof OutOfMemoryError oom) {
            // Bounds and the memory budget should prevent this; if it happens anyway only this
            // request fails: the error was caught in its own blocking work, nothing else is touched.
            RequestContext.log(ctx).log(() -> LOG.warn("out of memory in this request's work: {}", oom.getMessage()));
            return new Failure(ErrorKind.UNAVAILABLE.httpStatus(),
                    "not enough memory for this request now; retry later (request id "
                            + RequestContext.requestId(ctx) + ")", true);
        }
        // A defect, not bad input: log it with the request id, never send a trace (DECISIONS.md).
        RequestContext.log(ctx).log(() -> LOG.error("unexpected failure", t));
        return new Failure(ErrorKind.UNAVAILABLE.httpStatus(),
                "internal error; request id " + RequestContext.requestId(ctx), true);
    }

    /** The error under CompletionException / ExecutionException wrappers. */
    static Throwable rootOf(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    public static Failure of(RadgateException r) {
        return new Failure(r.httpStatus(), r.getMessage(), r.kind() == ErrorKind.UNAVAILABLE);
    }

    private static Failure ofStatus(int status, RoutingContext ctx) {
        String message = switch (status) {
            case 404 -> "no route for " + ctx.request().method() + " " + ctx.request().path();
            case 405 -> "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
            case 413 -> "request body exceeds the limit of " + RequestContext.bodyLimit(ctx) + " bytes";
            case 415 -> "unsupported content type " + ctx.request().getHeader("Content-Type");
            case 400 -> "bad request";
            default -> "request failed";
        };
        return new Failure(status, message, status == 503);
    }
}
