package io.radgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The guard that every TestRadgate installs really catches a handler that blocks its event loop. */
class EventLoopStallGuardTest {

    @Test
    void theLimitIsVertxsDefaultWarningThreshold() {
        assertEquals(2000, EventLoopStallGuard.VERTX_DEFAULT_MAX_EVENT_LOOP_MS);
        assertEquals(2000, EventLoopStallGuard.options(2000).getMaxEventLoopExecuteTime());
    }

    @Test
    @Timeout(60)
    void aHandlerThatBlocksTheEventLoopPastTheLimitFailsTheGuardAndAQuickOneDoesNot() {
        long max = EventLoopStallGuard.VERTX_DEFAULT_MAX_EVENT_LOOP_MS;
        Vertx vertx = Vertx.vertx(EventLoopStallGuard.options(max));
        try {
            EventLoopStallGuard guard = EventLoopStallGuard.watching(vertx, max);
            HttpServer server = TestRadgate.join(vertx.createHttpServer().requestHandler(req -> {
                if (req.path().equals("/block")) {
                    sleep(max + 500); // deliberately blocks the event loop
                }
                req.response().end("ok");
            }).listen(0, "127.0.0.1"));
            String base = "http://127.0.0.1:" + server.actualPort();

            assertEquals(200, Http.get(base + "/quick").statusCode());
            guard.assertNoStall();

            assertEquals(200, Http.get(base + "/block").statusCode());
            List<String> stalls = guard.stalls();
            assertTrue(!stalls.isEmpty(), "the blocking handler was not seen");
            assertTrue(stalls.get(0).contains("vert.x-eventloop-thread"), stalls.get(0));
            assertTrue(stalls.get(0).contains("EventLoopStallGuardTest"), "the stack names the handler: " + stalls.get(0));
            AssertionError e = assertThrows(AssertionError.class, guard::assertNoStall);
            assertTrue(e.getMessage().contains("longer than 2000 ms"), e.getMessage());
        } finally {
            TestRadgate.join(vertx.close());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
