package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.radgate.testing.Images;
import io.radgate.testing.StreamCollector;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.radgate.triton.proto.InferParameter;
import io.radgate.triton.proto.ModelConfigRequest;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import io.radgate.triton.proto.ModelMetadataRequest;
import io.radgate.triton.proto.ModelStreamInferResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KServe v2 gRPC through radgate answers exactly as the REAL Triton does directly. */
class KserveGrpcIT {
    private static TritonProcess triton;
    private static TestRadgate radgate;
    private static ManagedChannel direct;
    private static ManagedChannel via;

    @BeforeAll
    static void start() {
        triton = TritonProcess.shared();
        radgate = TestRadgate.start(triton.grpcTarget());
        direct = channel(triton.grpcPort());
        via = channel(radgate.grpcPort());
    }

    @AfterAll
    static void stop() {
        direct.shutdownNow();
        via.shutdownNow();
        radgate.close();
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().maxInboundMessageSize(64 << 20).build();
    }

    private static GRPCInferenceServiceBlockingStub stub(ManagedChannel c) {
        return GRPCInferenceServiceGrpc.newBlockingStub(c).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    static ModelInferRequest segmentation(byte[] pixels, String id, double threshold) {
        byte[] params = ("{\"threshold\": " + threshold + "}").getBytes();
        ByteString paramBytes = ByteString.copyFrom(new byte[] {(byte) params.length, 0, 0, 0}).concat(ByteString.copyFrom(params));
        return ModelInferRequest.newBuilder().setModelName("threshold_seg").setId(id)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("IMAGE").setDatatype("UINT8")
                        .addShape(1).addShape(512).addShape(512))
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("INPUT_JSON_PARAMS")
                        .setDatatype("BYTES").addShape(1).addShape(1))
                .addRawInputContents(ByteString.copyFrom(pixels))
                .addRawInputContents(paramBytes)
                .build();
    }

    @Test
    void inferThroughRadgateEqualsDirect() {
        ModelInferRequest req = segmentation(Images.phantom512(), "g-1", 0.5);
        ModelInferResponse a = stub(direct).modelInfer(req);
        ModelInferResponse b = stub(via).modelInfer(req);
        assertEquals(a, b);
        assertEquals(262144, b.getRawOutputContents(0).size());
        int positives = 0;
        for (byte v : b.getRawOutputContents(0).toByteArray()) {
            positives += (v & 0xFF) >= 128 ? 1 : 0;
        }
        assertEquals(80 * 160 - 4, positives, "the mask covers the rectangle (minus its 4 corners)");
    }

    @Test
    void classificationParameterPassesThrough() {
        ModelInferRequest req = ModelInferRequest.newBuilder().setModelName("intensity_classifier")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("IMAGE").setDatatype("UINT8")
                        .addShape(1).addShape(512).addShape(512))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("SCORES")
                        .putParameters("classification", InferParameter.newBuilder().setInt64Param(2).build()))
                .addRawInputContents(ByteString.copyFrom(Images.phantom512())).build();
        assertEquals(stub(direct).modelInfer(req), stub(via).modelInfer(req));
    }

    @Test
    void metadataAndConfigEqualDirect() {
        for (String m : new String[] {"threshold_seg", "component_detector", "intensity_classifier"}) {
            assertEquals(stub(direct).modelConfig(ModelConfigRequest.newBuilder().setName(m).build()),
                    stub(via).modelConfig(ModelConfigRequest.newBuilder().setName(m).build()));
            assertEquals(stub(direct).modelMetadata(ModelMetadataRequest.newBuilder().setName(m).build()),
                    stub(via).modelMetadata(ModelMetadataRequest.newBuilder().setName(m).build()));
        }
    }

    @Test
    void errorsArriveAsTritonSentThem() {
        ModelInferRequest unknown = segmentation(new byte[262144], "x", 0.5).toBuilder().setModelName("no_such_model").build();
        ModelInferRequest badParam = segmentation(new byte[262144], "y", 7);
        for (ModelInferRequest r : List.of(unknown, badParam)) {
            StatusRuntimeException d = assertThrows(StatusRuntimeException.class, () -> stub(direct).modelInfer(r));
            StatusRuntimeException v = assertThrows(StatusRuntimeException.class, () -> stub(via).modelInfer(r));
            assertEquals(d.getStatus().getCode(), v.getStatus().getCode());
            assertEquals(d.getStatus().getDescription(), v.getStatus().getDescription());
        }
    }

    @Test
    void streamInferThroughRadgateGivesTheUnaryAnswers() throws Exception {
        List<ModelInferRequest> slices = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] px = Images.rectangle(512, 512, 10 * i, 10 * i + 50, 20, 90 + 5 * i);
            slices.add(segmentation(px, "slice-" + i, 0.5));
        }
        StreamCollector<ModelStreamInferResponse> responses = new StreamCollector<>();
        StreamObserver<ModelInferRequest> out = GRPCInferenceServiceGrpc.newStub(via).modelStreamInfer(responses);
        slices.forEach(out::onNext);
        out.onCompleted();
        List<ModelStreamInferResponse> got = responses.await(60);
        assertEquals(slices.size(), got.size());
        for (ModelStreamInferResponse r : got) {
            assertEquals("", r.getErrorMessage());
            int i = Integer.parseInt(r.getInferResponse().getId().substring("slice-".length()));
            // Triton marks each streamed response final; the rest equals the unary answer.
            assertTrue(r.getInferResponse().getParametersOrThrow("triton_final_response").getBoolParam());
            ModelInferResponse withoutMark = r.getInferResponse().toBuilder()
                    .removeParameters("triton_final_response").build();
            assertEquals(stub(direct).modelInfer(slices.get(i)), withoutMark);
        }
    }
}
