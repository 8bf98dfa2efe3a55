package io.radgate.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import java.util.function.Consumer;

/**
 * The two places where radgate reaches under Vert.x into a connection's Netty pipeline; Vert.x
 * 5 offers no public hook for either. Both go through {@code io.vertx.core.net.impl.ConnectionBase}
 * (internal API, checked by ConnectionDeadlinesTest so an upgrade that changes it fails a test):
 * <ul>
 *   <li>removing Vert.x's idle handler once {@link ConnectionDeadlines} watches the connection;</li>
 *   <li>seeing a request body whose HTTP/1 framing is broken (an invalid chunk-size line): Vert.x
 *       closes the connection without an answer; radgate answers 400 first.</li>
 * </ul>
 */
final class NettyPipeline {
    /** Vert.x's names in an HTTP/1 server pipeline (HttpServerConnectionInitializer). */
    private static final String VERTX_IDLE = "idle";
    private static final String VERTX_HANDLER = "handler";
    private static final String FRAMING = "radgate-framing";

    private NettyPipeline() {
    }

    private static ChannelPipeline pipeline(HttpConnection conn) {
        return conn instanceof io.vertx.core.net.impl.ConnectionBase c ? c.channel().pipeline() : null;
    }

    static boolean removeIdleHandler(HttpConnection conn) {
        ChannelPipeline p = pipeline(conn);
        if (p != null && p.get(VERTX_IDLE) instanceof IdleStateHandler) {
            p.remove(VERTX_IDLE);
            return true;
        }
        return false;
    }

    /**
     * Calls {@code onFailure} (on the channel's event loop) instead of letting Vert.x see a body
     * chunk the HTTP/1 decoder could not parse. Request-line and header failures are left to
     * Vert.x, which answers them with 400 itself.
     */
    static boolean onBadFraming(HttpConnection conn, Consumer<Throwable> onFailure) {
        ChannelPipeline p = pipeline(conn);
        if (p == null || p.get(VERTX_HANDLER) == null || p.get(FRAMING) != null) {
            return false;
        }
        p.addBefore(VERTX_HANDLER, FRAMING, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpContent c && !(msg instanceof HttpRequest) && c.decoderResult().isFailure()) {
                    Throwable cause = c.decoderResult().cause();
                    ReferenceCountUtil.release(msg);
                    onFailure.accept(cause);
                    return;
                }
                ctx.fireChannelRead(msg);
            }
        });
        return true;
    }

    /** A short, safe description of a codec failure (Netty's messages name the bad token, never a body). */
    static String describe(Throwable cause) {
        String m = cause == null ? null : cause.getMessage();
        if (m == null || m.isBlank()) {
            return "the chunked transfer encoding cannot be parsed";
        }
        String safe = m.replaceAll("[^\\x20-\\x7E]", "?");
        return safe.length() > 120 ? safe.substring(0, 120) + "..." : safe;
    }
}
