package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.config.Setting;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Shutdown lets in-flight requests finish and refuses new connections. */
class GracefulShutdownTest {
    private static final String BODY = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1],\"datatype\":\"UINT8\",\"data\":[7]}]}";

    @Test
    void inFlightRequestFinishesWhileNewOnesAreRefused() throws Exception {
        try (FakeTriton triton = new FakeTriton().start()) {
            triton.delayMillis = 1500;
            TestRadgate radgate = TestRadgate.start(triton.target(), Map.of(Setting.SHUTDOWN_GRACE_MS, "10000"));
            String url = radgate.url("/v2/models/m/infer");
            CompletableFuture<HttpResponse<byte[]>> inFlight = CompletableFuture.supplyAsync(() -> Http.postJson(url, BODY));
            while (triton.received.isEmpty()) {
                Thread.sleep(10);
            }
            CompletableFuture<Void> stopping = radgate.radgate().stop().toCompletionStage().toCompletableFuture();
            Thread.sleep(100);
            // The listener stops accepting at once; a request that still arrives on an open
            // connection is refused with 503 by RequestTracking (RequestTrackingTest).
            assertThrows(java.io.UncheckedIOException.class, () -> Http.postJson(url, BODY),
                    "a new connection after shutdown began must be refused");
            HttpResponse<byte[]> first = inFlight.get();
            assertEquals(200, first.statusCode(), Http.text(first));
            assertTrue(Http.text(first).contains("\"data\":[7]"));
            stopping.get();
            assertEquals(1, triton.received.size(), "the refused request never reached Triton");
        }
    }
}
