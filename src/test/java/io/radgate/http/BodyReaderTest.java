package io.radgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The body reader on a real Vert.x listener: bodies over the memory budget are 503 + Retry-After
 * at once, over the body limit 413 at once, the budget comes back when requests end, and an
 * OutOfMemoryError in one request's blocking work is that request's 503 alone.
 */
class BodyReaderTest {
    private static final long BUDGET = 1 << 20;
    private static final long MAX_BODY = 4 << 20;

    private Vertx vertx;
    private MemoryBudget budget;
    private final Promise<Void> holdRelease = Promise.promise();
    private String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        budget = new MemoryBudget(BUDGET);
        Router router = Router.router(vertx);
        BodyReader body = new BodyReader(budget, MAX_BODY, 1);
        // answers only when the test says so: its body stays claimed meanwhile
        router.post("/hold").handler(body).handler(ctx -> holdRelease.future().onComplete(v ->
                ctx.response().end("held " + ctx.body().length())));
        router.post("/echo").handler(body).handler(ctx -> ctx.response().end("got " + ctx.body().length()));
        router.post("/oom").handler(body).handler(ctx -> ctx.vertx().executeBlocking(() -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        }).onComplete(ar -> ctx.fail(ar.cause())));
        router.get("/live").handler(ctx -> ctx.response().end("live"));
        FailureHandler failures = new FailureHandler();
        router.route().failureHandler(failures);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        holdRelease.tryComplete();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> post(String path, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).POST(publisher)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void bodiesOverTheBudgetAre503WithRetryAfterAtOnceAndFitOnceTheHolderEnds() throws Exception {
        CompletableFuture<HttpResponse<String>> held = post("/hold", new byte[700_000], false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.used() < 700_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(700_000, budget.used(), "the held body is claimed");

        long t0 = System.nanoTime();
        HttpResponse<String> refused = post("/echo", new byte[700_000], false).get(10, TimeUnit.SECONDS);
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "answered at once");
        assertEquals("2", refused.headers().firstValue("Retry-After").orElse(null));
        assertTrue(refused.body().contains("memory budget"), refused.body());
        // chunked (no Content-Length): refused as its bytes pass what is left
        HttpResponse<String> chunked = post("/echo", new byte[700_000], true).get(10, TimeUnit.SECONDS);
        assertEquals(503, chunked.statusCode(), chunked.body());
        // small bodies still fit, and a request without a body is never refused
        assertEquals(200, post("/echo", new byte[1000], false).get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/live")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        holdRelease.complete();
        assertEquals("held 700000", held.get(10, TimeUnit.SECONDS).body());
        waitForBudgetToEmpty();
        HttpResponse<String> later = post("/echo", new byte[700_000], false).get(10, TimeUnit.SECONDS);
        assertEquals(200, later.statusCode(), later.body());
        assertEquals("got 700000", later.body());
        waitForBudgetToEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413AtOnceNamingTheLimit() throws Exception {
        HttpResponse<String> declared = post("/echo", new byte[(int) MAX_BODY + 1], false).get(20, TimeUnit.SECONDS);
        assertEquals(413, declared.statusCode());
        assertTrue(declared.body().contains("limits.max-body-bytes"), declared.body());
        HttpResponse<String> bigForBudget = post("/echo", new byte[(int) BUDGET + 1], false).get(20, TimeUnit.SECONDS);
        assertEquals(413, bigForBudget.statusCode(), "alone it needs more than the whole budget");
        assertTrue(bigForBudget.body().contains("limits.memory-budget-bytes"), bigForBudget.body());
        waitForBudgetToEmpty();
    }

    @Test
    void outOfMemoryInOneRequestsBlockingWorkIsThat503Only() throws Exception {
        HttpResponse<String> oom = post("/oom", new byte[10], false).get(10, TimeUnit.SECONDS);
        assertEquals(503, oom.statusCode());
        assertEquals("2", oom.headers().firstValue("Retry-After").orElse(null));
        assertTrue(oom.body().contains("not enough memory"), oom.body());
        assertEquals(200, post("/echo", new byte[10], false).get(10, TimeUnit.SECONDS).statusCode());
        waitForBudgetToEmpty();
    }

    private void waitForBudgetToEmpty() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (budget.used() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, budget.used(), "every request gave its memory back");
    }
}
