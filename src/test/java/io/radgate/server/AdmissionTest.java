package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.radgate.config.Setting;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.RawHttp;
import io.radgate.testing.TestRadgate;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.ModelInferRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission control: 2 running and 2 waiting per listener; the rest refused at once, probes never. */
class AdmissionTest {
    private static final String BODY = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2],\"datatype\":\"UINT8\","
            + "\"data\":[1,2]}]}";
    private FakeTriton triton;
    private TestRadgate radgate;

    @BeforeEach
    void start() throws Exception {
        triton = new FakeTriton().start();
        radgate = TestRadgate.start(triton.target(), Map.of(Setting.LIMITS_MAX_CONCURRENT, "2",
                Setting.LIMITS_MAX_QUEUED, "2"));
    }

    @AfterEach
    void stop() throws Exception {
        radgate.close();
        triton.close();
    }

    @Test
    void beyondRunningAndQueuedRequestsAre503WithRetryAfterWhileProbesAnswer() throws Exception {
        triton.delayMillis = 1500;
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<Future<java.net.http.HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(clients.submit(() -> Http.postJson(radgate.url("/v2/models/seg/infer"), BODY)));
            }
            Thread.sleep(500); // all arrived; two at Triton, two waiting
            assertEquals(200, Http.get(radgate.url("/health/live")).statusCode(), "a full listener is still live");
            assertEquals(200, Http.get(radgate.url("/metrics")).statusCode());
            int ok = 0;
            int refused = 0;
            for (Future<java.net.http.HttpResponse<byte[]>> f : answers) {
                var r = f.get();
                if (r.statusCode() == 200) {
                    ok++;
                } else {
                    assertEquals(503, r.statusCode(), Http.text(r));
                    assertTrue(r.headers().firstValue("Retry-After").orElse("").matches("[1-9][0-9]*"));
                    assertTrue(Http.text(r).contains("busy"), Http.text(r));
                    refused++;
                }
            }
            assertEquals(4, ok, "two ran, two waited and ran");
            assertEquals(6, refused);
            String scrape = Http.text(Http.get(radgate.url("/metrics")));
            assertTrue(scrape.contains("radgate_admission_rejected_total{listener=\"health+kserve\"} 6.0"), scrape);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aGrpcCallBeyondTheLimitIsUnavailableAtOnce() throws Exception {
        triton.delayMillis = 1500;
        ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", radgate.grpcPort()).usePlaintext().build();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            var stub = GRPCInferenceServiceGrpc.newBlockingStub(ch);
            ModelInferRequest req = ModelInferRequest.newBuilder().setModelName("seg").build();
            List<Future<Status.Code>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(clients.submit(() -> {
                    try {
                        stub.modelInfer(req);
                        return Status.Code.OK;
                    } catch (StatusRuntimeException e) {
                        return e.getStatus().getCode();
                    }
                }));
                Thread.sleep(100);
            }
            List<Status.Code> codes = new ArrayList<>();
            for (var c : calls) {
                codes.add(c.get());
            }
            assertEquals(List.of(Status.Code.OK, Status.Code.OK, Status.Code.UNAVAILABLE), codes);
        } finally {
            clients.shutdownNow();
            ch.shutdownNow();
        }
    }

    @Test
    void aRefusalTakesTheErrorShapeOfTheProtocolWhosePathItIs() throws Exception {
        int port = radgate.radgate().port("invocations");
        // two uploads whose bodies never finish hold both slots; two more wait
        List<RawHttp> holders = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawHttp h = new RawHttp(port);
                h.send("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                        + "Content-Length: 100000\r\n\r\n--b\r\n");
                holders.add(h);
            }
            Thread.sleep(300);
            var r = Http.get("http://127.0.0.1:" + port + "/invocations/6f1c2a9e-3b2d-4e55-9a51-0c7d2f9e1a11");
            assertEquals(503, r.statusCode(), Http.text(r));
            JsonObject body = new JsonObject(Http.text(r));
            assertEquals("error", body.getString("status"), body.encode());
            assertTrue(body.getString("message").contains("busy"), body.encode());
            var ping = Http.get("http://127.0.0.1:" + port + "/ping"); // a probe: answered, full or not
            assertTrue(ping.statusCode() != 503 && !Http.text(ping).contains("busy"), Http.text(ping));
        } finally {
            for (RawHttp h : holders) {
                h.close();
            }
        }
    }
}
