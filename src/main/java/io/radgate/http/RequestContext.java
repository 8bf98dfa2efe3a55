package io.radgate.http;

import io.radgate.observability.LogContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/** Per-request data radgate keeps on the routing context: request id, log fields, limits. */
public final class RequestContext {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String LOG_KEY = "radgate.log";
    private static final String LIMIT_KEY = "radgate.bodyLimit";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestContext() {
    }

    /** Takes the caller's request id if it is safe to log, else makes one. */
    public static String newRequestId(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    public static LogContext log(RoutingContext ctx) {
        LogContext lc = ctx.get(LOG_KEY);
        if (lc == null) {
            lc = new LogContext();
            ctx.put(LOG_KEY, lc);
        }
        return lc;
    }

    private static final String TRACE_KEY = "radgate.trace";

    /** The request's trace (W3C traceparent), continued from the caller's header or started here. */
    public static io.radgate.observability.TraceParent trace(RoutingContext ctx) {
        io.radgate.observability.TraceParent t = ctx.get(TRACE_KEY);
        if (t == null) {
            t = io.radgate.observability.TraceParent.continueOrStart(
                    ctx.request().getHeader(io.radgate.observability.TraceParent.HEADER));
            ctx.put(TRACE_KEY, t);
            log(ctx).put(io.radgate.observability.LogContext.TRACE_ID, t.traceId());
        }
        return t;
    }

    public static String requestId(RoutingContext ctx) {
        return log(ctx).get(LogContext.REQUEST_ID);
    }

    public static void protocol(RoutingContext ctx, String protocol) {
        log(ctx).put(LogContext.PROTOCOL, protocol);
    }

    public static void model(RoutingContext ctx, String model) {
        log(ctx).put(LogContext.MODEL, model);
    }

    public static void bodyLimit(RoutingContext ctx, long limit) {
        ctx.put(LIMIT_KEY, limit);
    }

    public static long bodyLimit(RoutingContext ctx) {
        Long l = ctx.get(LIMIT_KEY);
        return l == null ? -1 : l;
    }

    /**
     * Asks an HTTP/1.x client to close the connection after this answer. HTTP/2 has no
     * connection-specific headers: a client must reject a response that carries one, so there
     * the stream alone ends.
     */
    public static void closeConnectionAfter(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_2) {
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
    }
}
