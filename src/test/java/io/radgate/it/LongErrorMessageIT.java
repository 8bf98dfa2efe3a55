package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.ModelInferRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One client's request whose Triton error message is long (a 20,000-character input name:
 * Triton echoes it in the gRPC status message, over 10 KiB of trailers) fails only that
 * request: every good request in flight at the same time through the same radgate (one
 * channel to Triton) succeeds. Before radgate raised its inbound metadata limit, grpc-java's
 * 8 KiB default made the client side of the channel close the whole HTTP/2 connection
 * ("http2 exception"), failing the other clients' calls.
 */
class LongErrorMessageIT {
    private static final String LONG_NAME = "X".repeat(20_000);
    private static final int GOOD_REQUESTS = 600;
    private static final int BAD_REQUESTS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TritonProcess triton;
    private static TestRadgate radgate;

    @BeforeAll
    static void start() {
        triton = TritonProcess.shared();
        radgate = TestRadgate.start(triton.grpcTarget());
    }

    @AfterAll
    static void stop() {
        radgate.close();
    }

    private static String restInfer(String inputName) {
        StringBuilder sb = new StringBuilder("{\"inputs\":[{\"name\":\"").append(inputName)
                .append("\",\"shape\":[1,16,16],\"datatype\":\"UINT8\",\"data\":[");
        for (int i = 0; i < 256; i++) {
            sb.append(i == 0 ? "" : ",").append(i);
        }
        return sb.append("]}]}").toString();
    }

    private static ModelInferRequest grpcInfer(String inputName) {
        return ModelInferRequest.newBuilder().setModelName("threshold_seg")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(inputName).setDatatype("UINT8")
                        .addShape(1).addShape(16).addShape(16))
                .addRawInputContents(ByteString.copyFrom(new byte[256])).build();
    }

    @Test
    void longTritonErrorThroughKserveRestFailsOnlyItsOwnRequest() throws Exception {
        String url = radgate.url("/v2/models/threshold_seg/infer");
        String good = restInfer("IMAGE");
        String bad = restInfer(LONG_NAME);
        Outcome o = run(() -> {
            HttpResponse<byte[]> r = Http.postJson(url, good);
            return r.statusCode() == 200 ? null : r.statusCode() + " " + Http.text(r);
        }, () -> {
            HttpResponse<byte[]> r = Http.postJson(url, bad);
            String error = error(r);
            return r.statusCode() == 400 && error.startsWith("unexpected inference input 'XXXX")
                    && error.length() > LONG_NAME.length() ? null : r.statusCode() + " " + abbreviate(Http.text(r));
        });
        o.assertClean();
    }

    @Test
    void longTritonErrorThroughKserveGrpcFailsOnlyItsOwnRequest() throws Exception {
        ManagedChannel goodClient = ManagedChannelBuilder.forAddress("127.0.0.1", radgate.grpcPort()).usePlaintext()
                .build();
        // A client that accepts long status messages gets Triton's whole message ...
        ManagedChannel badClient = ManagedChannelBuilder.forAddress("127.0.0.1", radgate.grpcPort()).usePlaintext()
                .maxInboundMetadataSize(1 << 20).build();
        // ... one with grpc-java's default 8 KiB limit gets it shortened, still its own INVALID_ARGUMENT.
        ManagedChannel smallClient = ManagedChannelBuilder.forAddress("127.0.0.1", radgate.grpcPort()).usePlaintext()
                .build();
        try {
            AtomicInteger turn = new AtomicInteger();
            Outcome o = run(() -> {
                GRPCInferenceServiceGrpc.newBlockingStub(goodClient).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .modelInfer(grpcInfer("IMAGE"));
                return null;
            }, () -> {
                boolean whole = turn.getAndIncrement() % 2 == 0;
                try {
                    GRPCInferenceServiceGrpc.newBlockingStub(whole ? badClient : smallClient)
                            .withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(grpcInfer(LONG_NAME));
                    return "the bad request succeeded";
                } catch (StatusRuntimeException e) {
                    Status s = e.getStatus();
                    String d = s.getDescription() == null ? "" : s.getDescription();
                    boolean ok = s.getCode() == Status.Code.INVALID_ARGUMENT
                            && d.startsWith("unexpected inference input 'XXXX")
                            && (!whole || d.length() > LONG_NAME.length());
                    return ok ? null : (whole ? "whole: " : "small: ") + s.getCode() + " " + abbreviate(d);
                }
            });
            o.assertClean();
        } finally {
            goodClient.shutdownNow();
            badClient.shutdownNow();
            smallClient.shutdownNow();
        }
    }

    /** What went wrong, counted: good requests that failed, bad requests that did not fail as they should. */
    private record Outcome(Map<String, Integer> goodFailures, Map<String, Integer> badSurprises, int good) {
        void assertClean() {
            assertTrue(goodFailures.isEmpty() && badSurprises.isEmpty(), "good requests that failed (of " + good
                    + "): " + goodFailures + "; bad requests without their own 4xx naming the input: " + badSurprises);
        }
    }

    /** Good requests from 12 threads, the bad one sent now and then from another thread meanwhile. */
    private static Outcome run(Supplier<String> good, Supplier<String> bad) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(13);
        Map<String, Integer> goodFailures = new ConcurrentHashMap<>();
        Map<String, Integer> badSurprises = new ConcurrentHashMap<>();
        try {
            for (int i = 0; i < 20; i++) {
                assertEquals(null, good.get(), "warm-up");
            }
            AtomicInteger left = new AtomicInteger(GOOD_REQUESTS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                workers.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        note(goodFailures, call(good));
                    }
                }));
            }
            workers.add(pool.submit(() -> {
                for (int i = 0; i < BAD_REQUESTS && left.get() > 0; i++) {
                    note(badSurprises, call(bad));
                }
            }));
            for (Future<?> w : workers) {
                w.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(goodFailures, badSurprises, GOOD_REQUESTS);
    }

    private static String call(Supplier<String> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage()));
        }
    }

    private static void note(Map<String, Integer> m, String problem) {
        if (problem != null) {
            m.merge(abbreviate(problem), 1, Integer::sum);
        }
    }

    private static String error(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body()).path("error").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "... (" + s.length() + " chars)";
    }
}
