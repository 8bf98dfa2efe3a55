package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.LogCapture;
import io.radgate.testing.TestRadgate;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.ServerLiveRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A caller's W3C traceparent reaches Triton as gRPC metadata (radgate's span in between) and its trace id every log line. */
class TracePropagationTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER = "00-" + TRACE + "-b7ad6b7169203331-01";
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

    @Test
    void kserveRestInferCarriesTheCallersTraceToTritonAndIntoTheAccessLog() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            triton.traceparents.clear();
            var r = Http.post(radgate.url("/v2/models/seg/infer"), "application/json",
                    BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8), "traceparent", CALLER);
            assertEquals(200, r.statusCode());
            String sent = triton.traceparents.get(triton.traceparents.size() - 1);
            assertTrue(sent.matches("00-" + TRACE + "-[0-9a-f]{16}-01") && !sent.contains("b7ad6b7169203331"), sent);
            // the access line is written when the response has ended: the client may see it first
            long end = System.nanoTime() + 5_000_000_000L;
            while (logs.lines().stream().noneMatch(l -> l.text().contains("trace_id=" + TRACE)
                    && l.text().contains("/v2/models/seg/infer")) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertTrue(logs.lines().stream().anyMatch(l -> l.text().contains("trace_id=" + TRACE)
                    && l.text().contains("/v2/models/seg/infer")), "the access log line names the trace");
        }
    }

    @Test
    void withoutATraceparentRadgateStartsATrace() throws Exception {
        triton.traceparents.clear();
        assertEquals(200, Http.postJson(radgate.url("/v2/models/seg/infer"), BODY).statusCode());
        String sent = triton.traceparents.get(triton.traceparents.size() - 1);
        assertTrue(sent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), sent);
    }

    @Test
    void theGrpcPassThroughSendsTheCallersTraceOn() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), CALLER);
        ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", radgate.grpcPort()).usePlaintext().build();
        try {
            triton.traceparents.clear();
            GRPCInferenceServiceGrpc.newBlockingStub(ch).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .serverLive(ServerLiveRequest.getDefaultInstance());
            String sent = triton.traceparents.get(triton.traceparents.size() - 1);
            assertTrue(sent.matches("00-" + TRACE + "-[0-9a-f]{16}-01"), sent);
        } finally {
            ch.shutdownNow();
        }
    }

    @Test
    void aCallWithoutATraceSendsNone() throws Exception {
        try (io.radgate.triton.TritonClient client = new io.radgate.triton.TritonClient(
                io.radgate.triton.TritonClientOptions.defaults(triton.target()))) {
            triton.traceparents.clear();
            client.infer(io.radgate.triton.proto.ModelInferRequest.newBuilder().setModelName("seg").build())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(java.util.List.of(""), triton.traceparents);
        }
    }
}
