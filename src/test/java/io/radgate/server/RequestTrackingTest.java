package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radgate.http.Failure;
import io.radgate.http.FailureHandler;
import io.radgate.testing.Http;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The first handler of every request: once radgate drains, a request that still arrives is refused with 503. */
class RequestTrackingTest {
    @Test
    void aRequestArrivingWhileDrainingIs503WithConnectionClose() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RequestTracking tracking = new RequestTracking(new io.radgate.observability.Metrics());
            Router router = Router.router(vertx);
            router.route().handler(tracking);
            router.route().failureHandler(new FailureHandler());
            router.get("/x").handler(ctx -> ctx.response().end("ok"));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .await();
            String url = "http://127.0.0.1:" + server.actualPort() + "/x";

            assertEquals(200, Http.get(url).statusCode());

            tracking.drain();
            HttpResponse<byte[]> refused = Http.get(url);
            assertEquals(503, refused.statusCode(), Http.text(refused));
            assertEquals(String.valueOf(Failure.RETRY_AFTER_SECONDS), refused.headers().firstValue("Retry-After").orElse(null));
        } finally {
            vertx.close().await();
        }
    }
}
