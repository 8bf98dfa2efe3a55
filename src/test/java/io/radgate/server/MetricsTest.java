package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /metrics: Prometheus text with requests per protocol, route, model and status, and Triton calls per replica. */
class MetricsTest {
    private static final String BODY = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2],\"datatype\":\"UINT8\","
            + "\"data\":[1,2]}]}";
    private FakeTriton triton;
    private TestRadgate radgate;

    @BeforeEach
    void start() throws Exception {
        triton = new FakeTriton().start();
        radgate = TestRadgate.start(triton.target());
    }

    @AfterEach
    void stop() throws Exception {
        radgate.close();
        triton.close();
    }

    /** The value of the one series of {@code name} whose labels include all of {@code labels}. */
    private static double value(String scrape, String name, String... labels) {
        List<String> lines = scrape.lines().filter(l -> l.startsWith(name + "{")).filter(l -> {
            for (String label : labels) {
                if (!l.contains(label)) {
                    return false;
                }
            }
            return true;
        }).toList();
        assertEquals(1, lines.size(), name + " " + List.of(labels) + " in\n" + String.join("\n",
                scrape.lines().filter(l -> l.startsWith(name)).toList()));
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void requestsAndTritonCallsAreCountedWithBoundedLabels() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Http.postJson(radgate.url("/v2/models/seg/infer"), BODY).statusCode());
        }
        assertEquals(400, Http.postJson(radgate.url("/v2/models/made-up-name-1/infer"), "{").statusCode());
        io.grpc.ManagedChannel ch = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", radgate.grpcPort())
                .usePlaintext().build();
        try {
            io.radgate.triton.proto.GRPCInferenceServiceGrpc.newBlockingStub(ch)
                    .serverLive(io.radgate.triton.proto.ServerLiveRequest.getDefaultInstance());
        } finally {
            ch.shutdownNow();
        }
        // a request is counted when its response has ended: the client may be faster
        String scrape = "";
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; Thread.sleep(20)) {
            var r = Http.get(radgate.url("/metrics"));
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
            scrape = Http.text(r);
            if (scrape.contains("status=\"400\"} 1") && scrape.contains("route=\"ServerLive\",status=\"OK\"} 1")) {
                break;
            }
        }
        assertEquals(3.0, value(scrape, "radgate_requests_seconds_count", "protocol=\"kserve-rest\"",
                "route=\"/v2/models/:model/infer\"", "model=\"seg\"", "status=\"200\""));
        assertEquals(1.0, value(scrape, "radgate_requests_seconds_count", "route=\"/v2/models/:model/infer\"",
                "model=\"none\"", "status=\"400\""), "a failed request's model name is not a label");
        assertTrue(!scrape.contains("made-up-name-1"), "client-chosen names that failed never become series");
        assertEquals(3.0, value(scrape, "radgate_triton_calls_seconds_count", "method=\"ModelInfer\"",
                "model=\"seg\"", "replica=\"127.0.0.1:" + triton.port() + "\"", "status=\"OK\""));
        assertTrue(value(scrape, "radgate_requests_seconds_bucket", "model=\"seg\"", "status=\"200\"",
                "le=\"+Inf\"") == 3.0, "a latency histogram");
        assertEquals(1.0, value(scrape, "radgate_requests_seconds_count", "protocol=\"kserve-grpc\"",
                "route=\"ServerLive\"", "status=\"OK\""));
        assertTrue(scrape.contains("jvm_memory_used_bytes{"), "JVM metrics");
        assertTrue(scrape.contains("radgate_jobs{state=\"queued\"} 0"), "invocation jobs per state");
    }
}
