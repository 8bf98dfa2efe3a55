package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.radgate.config.Setting;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.StreamCollector;
import io.radgate.testing.TestRadgate;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import io.radgate.triton.proto.ModelStreamInferResponse;
import io.radgate.triton.proto.RepositoryModelLoadRequest;
import io.radgate.triton.proto.ServerReadyRequest;
import io.radgate.triton.proto.SystemSharedMemoryStatusRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** radgate's KServe gRPC listener forwards to (fake) Triton byte for byte, statuses included. */
class GrpcPassThroughTest {
    private FakeTriton triton;
    private TestRadgate radgate;
    private ManagedChannel channel;
    private GRPCInferenceServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        triton = new FakeTriton().start();
        radgate = TestRadgate.start(triton.target(), Map.of(Setting.TRITON_DEADLINE_MS, "1000"));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", radgate.grpcPort()).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        radgate.close();
        triton.close();
    }

    private static ModelInferRequest request(int bytes) {
        byte[] pixels = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            pixels[i] = (byte) (i * 31);
        }
        return ModelInferRequest.newBuilder().setModelName("m").setId("req-1")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("IMAGE").setDatatype("UINT8")
                        .addShape(1).addShape(bytes))
                .addRawInputContents(ByteString.copyFrom(pixels)).build();
    }

    @Test
    void inferIsForwardedUnchangedBothWays() {
        ModelInferRequest req = request(1000);
        ModelInferResponse resp = stub.modelInfer(req);
        assertEquals(req, triton.received.get(0));
        assertEquals(FakeTriton.echo(req), resp);
    }

    @Test
    void tensorsLargerThanGrpcDefaultsPass() {
        ModelInferRequest req = request(6 << 20); // over grpc-java's 4 MiB and Vert.x's 256 KiB defaults
        ModelInferResponse resp = stub.modelInfer(req);
        assertEquals(req.getRawInputContents(0), resp.getRawOutputContents(0));
    }

    @Test
    void messageOverTheConfiguredLimitIsRefusedAndNeverReachesTriton() throws Exception {
        try (TestRadgate small = TestRadgate.start(triton.target(),
                Map.of(Setting.LIMITS_MAX_GRPC_MESSAGE_BYTES, String.valueOf(1 << 20)))) {
            ManagedChannel c = ManagedChannelBuilder.forAddress("127.0.0.1", small.grpcPort()).usePlaintext().build();
            try {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> GRPCInferenceServiceGrpc
                        .newBlockingStub(c).withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(request(2 << 20)));
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
                assertTrue(triton.received.isEmpty());
            } finally {
                c.shutdownNow();
            }
        }
    }

    @Test
    void unaryCallsHoldTheMemoryBudgetWhileTheyRun() throws Exception {
        // a 1,000-byte tensor holds 2 x ~1,030 bytes, and its ~1,030-byte answer: one call fits in 4,000,
        // two at once do not, a 2,000-byte tensor never does
        try (TestRadgate small = TestRadgate.start(triton.target(),
                Map.of(Setting.LIMITS_MEMORY_BUDGET_BYTES, "4000"))) {
            ManagedChannel c = ManagedChannelBuilder.forAddress("127.0.0.1", small.grpcPort()).usePlaintext().build();
            try {
                GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub async = GRPCInferenceServiceGrpc.newFutureStub(c)
                        .withDeadlineAfter(10, TimeUnit.SECONDS);
                GRPCInferenceServiceBlockingStub blocking = GRPCInferenceServiceGrpc.newBlockingStub(c)
                        .withDeadlineAfter(10, TimeUnit.SECONDS);

                StatusRuntimeException tooLarge = assertThrows(StatusRuntimeException.class,
                        () -> blocking.modelInfer(request(2000)));
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, tooLarge.getStatus().getCode(), tooLarge.getStatus().toString());
                assertTrue(tooLarge.getStatus().getDescription().contains("limits.memory-budget-bytes"));

                triton.delayMillis = 1500;
                var first = async.modelInfer(request(1000));
                while (triton.received.isEmpty()) {
                    Thread.sleep(10);
                }
                StatusRuntimeException busy = assertThrows(StatusRuntimeException.class,
                        () -> blocking.modelInfer(request(1000)));
                assertEquals(Status.Code.UNAVAILABLE, busy.getStatus().getCode(), busy.getStatus().toString());
                assertEquals(1000, first.get(10, TimeUnit.SECONDS).getRawOutputContents(0).size());

                triton.delayMillis = 0;
                assertEquals(1000, blocking.modelInfer(request(1000)).getRawOutputContents(0).size(),
                        "the budget is given back when a call ends");
                assertEquals(2, triton.received.size(), "refused calls never reached Triton");
            } finally {
                c.shutdownNow();
            }
        }
    }

    @Test
    void tritonStatusReachesTheClientAsTritonSentIt() {
        triton.infer = r -> {
            throw Status.UNAVAILABLE.withDescription("Request for unknown model: 'm' is not found").asRuntimeException();
        };
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.modelInfer(request(4)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals("Request for unknown model: 'm' is not found", e.getStatus().getDescription());
    }

    @Test
    void slowTritonGivesDeadlineExceeded() {
        triton.delayMillis = 3000;
        long t0 = System.nanoTime();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.modelInfer(request(4)));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2500);
    }

    @Test
    void tritonDownIsUnavailable() throws Exception {
        triton.kill();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.serverReady(ServerReadyRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    void sharedMemoryAndRepositoryControlAreRefused() {
        StatusRuntimeException shm = assertThrows(StatusRuntimeException.class,
                () -> stub.systemSharedMemoryStatus(SystemSharedMemoryStatusRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, shm.getStatus().getCode());
        assertTrue(shm.getStatus().getDescription().contains("shared memory"));
        StatusRuntimeException load = assertThrows(StatusRuntimeException.class,
                () -> stub.repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName("m").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, load.getStatus().getCode());
    }

    @Test
    void streamInferCarriesEveryRequestAndResponse() throws Exception {
        StreamCollector<ModelStreamInferResponse> responses = new StreamCollector<>();
        StreamObserver<ModelInferRequest> out = GRPCInferenceServiceGrpc.newStub(channel).modelStreamInfer(responses);
        for (int i = 1; i <= 5; i++) {
            out.onNext(request(i * 100));
        }
        out.onCompleted();
        List<ModelStreamInferResponse> got = responses.await(10);
        assertEquals(5, got.size());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(request((i + 1) * 100).getRawInputContents(0).toByteArray(),
                    got.get(i).getInferResponse().getRawOutputContents(0).toByteArray());
        }
    }
}
