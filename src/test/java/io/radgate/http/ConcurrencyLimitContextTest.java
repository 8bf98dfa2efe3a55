package io.radgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request that waited in a {@link ConcurrencyLimit} queue resumes, and writes its response,
 * on its own request's context, even when the slot is released by a thread that is not Vert.x's
 * (for CT-CLIP, the gRPC executor thread that completes the previous request's inference).
 */
class ConcurrencyLimitContextTest {
    private Vertx vertx;
    private HttpServer server;
    private final ConcurrencyLimit limit = new ConcurrencyLimit("test route", 1, 4);
    private final AtomicReference<Context> requestContext = new AtomicReference<>();
    private final AtomicReference<Context> resumedContext = new AtomicReference<>();
    private final AtomicReference<Thread> resumedThread = new AtomicReference<>();
    private final AtomicReference<Context> writtenContext = new AtomicReference<>();

    @BeforeEach
    void startRoute() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/queued").handler(ctx -> {
            requestContext.set(Vertx.currentContext());
            limit.acquire().onFailure(ctx::fail).onSuccess(v -> {
                resumedContext.set(Vertx.currentContext());
                resumedThread.set(Thread.currentThread());
                ctx.response().endHandler(done -> writtenContext.set(Vertx.currentContext()));
                ctx.response().end("resumed");
                limit.release();
            });
        });
        server = TestRadgate.join(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() {
        TestRadgate.join(vertx.close());
    }

    @Test
    @Timeout(30)
    void aQueuedRequestResumesOnItsOwnContextWhenAForeignThreadReleasesTheSlot() throws Exception {
        assertTrue(limit.acquire().succeeded(), "the test holds the only slot");
        CompletableFuture<HttpResponse<byte[]>> response = CompletableFuture.supplyAsync(
                () -> Http.get("http://127.0.0.1:" + server.actualPort() + "/queued"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limit.queued() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, limit.queued(), "the request must be waiting for the slot");

        Thread foreign = new Thread(limit::release, "not-vertx-releaser"); // like a gRPC executor thread
        foreign.start();
        foreign.join();

        HttpResponse<byte[]> r = response.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("resumed", Http.text(r));
        Context own = requestContext.get();
        assertNotNull(own);
        assertSame(own, resumedContext.get(), "the continuation ran on another context than the request's");
        assertTrue(own.isEventLoopContext());
        assertTrue(isEventLoop(resumedThread.get()),
                "the continuation ran on " + resumedThread.get().getName());
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writtenContext.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertSame(own, writtenContext.get(), "the response was written off the request's context");
        assertEquals(0, limit.running());
    }

    private static boolean isEventLoop(Thread t) {
        return t != null && t.getName().startsWith("vert.x-eventloop-thread");
    }
}
