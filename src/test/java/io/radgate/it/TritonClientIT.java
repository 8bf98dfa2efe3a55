package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.stub.StreamObserver;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.testing.Images;
import io.radgate.testing.StreamCollector;
import io.radgate.testing.TritonProcess;
import io.radgate.triton.TritonClient;
import io.radgate.triton.TritonClientOptions;
import io.radgate.triton.proto.ModelConfig;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelStreamInferResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** radgate's typed Triton client against the REAL Triton: health, cache, infer, stream, error mapping. */
class TritonClientIT {
    private static TritonProcess triton;
    private static TritonClient client;

    @BeforeAll
    static void start() {
        triton = TritonProcess.shared();
        // dns:/// proves grpc-java's own resolver is found (META-INF/services) and works.
        client = new TritonClient(TritonClientOptions.defaults("dns:///localhost:" + triton.grpcPort()));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static RadgateException failure(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            return (RadgateException) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void healthOfServerAndModels() {
        assertTrue(client.serverLive().join());
        assertTrue(client.serverReady().join());
        assertTrue(client.modelReady("threshold_seg", "").join());
        assertTrue(client.modelReady("threshold_seg", "1").join());
    }

    @Test
    void configIsCachedAndParsedIntoOurModelConfig() {
        ModelConfig c = client.modelConfig("component_detector", "").join();
        assertEquals("python", c.getBackend());
        assertEquals(List.of(1L, -1L, -1L), c.getInput(0).getDimsList());
        assertSame(c, client.modelConfig("component_detector", "").join(), "second lookup served from the cache");
        assertEquals(List.of("BOXES", "SCORES", "LABELS", "AREAS"),
                client.modelMetadata("component_detector", "").join().getOutputsList().stream()
                        .map(o -> o.getName()).toList());
    }

    @Test
    void unknownModelIsNotFoundThroughTheQuirkTable() {
        assertEquals(ErrorKind.NOT_FOUND, failure(client.modelConfig("no_such_model", "")).kind());
        assertEquals(ErrorKind.NOT_FOUND, failure(client.modelMetadata("no_such_model", "")).kind());
        assertEquals(ErrorKind.NOT_FOUND, failure(client.infer(KserveGrpcIT.segmentation(new byte[262144], "u", 0.5)
                .toBuilder().setModelName("no_such_model").build())).kind());
    }

    @Test
    void modelValidationErrorIsBadInput() {
        RadgateException e = failure(client.infer(KserveGrpcIT.segmentation(new byte[262144], "t", 7)));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("threshold"), e.getMessage());
    }

    @Test
    void wrongShapeIsBadInput() {
        ModelInferRequest bad = ModelInferRequest.newBuilder().setModelName("threshold_seg")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("IMAGE").setDatatype("UINT8")
                        .addShape(4))
                .addRawInputContents(com.google.protobuf.ByteString.copyFrom(new byte[4])).build();
        assertEquals(ErrorKind.BAD_INPUT, failure(client.infer(bad)).kind());
    }

    @Test
    void tinyDeadlineIsDeadline() {
        RadgateException e = failure(client.infer(KserveGrpcIT.segmentation(Images.phantom512(), "d", 0.5),
                Duration.ofNanos(1000)));
        assertEquals(ErrorKind.DEADLINE, e.kind());
    }

    @Test
    void streamCarriesASeriesOnOneCall() throws Exception {
        StreamCollector<ModelStreamInferResponse> responses = new StreamCollector<>();
        StreamObserver<ModelInferRequest> out = client.stream(responses, Duration.ofSeconds(30));
        for (int i = 0; i < 6; i++) {
            out.onNext(KserveGrpcIT.segmentation(Images.rectangle(512, 512, 0, 10 * (i + 1), 0, 512), "s" + i, 0.5));
        }
        out.onCompleted();
        List<ModelStreamInferResponse> got = responses.await(30);
        assertEquals(6, got.size());
        for (ModelStreamInferResponse r : got) {
            int i = Integer.parseInt(r.getInferResponse().getId().substring(1));
            int positives = 0;
            for (byte b : r.getInferResponse().getRawOutputContents(0).toByteArray()) {
                positives += (b & 0xFF) >= 128 ? 1 : 0;
            }
            // a full-width band of 10*(i+1) rows at the top; the model pads by replicating the
            // border, so a band touching the edges keeps its corners (6 of 9 neighbours bright)
            assertEquals(512 * 10 * (i + 1), positives, "slice " + i);
        }
    }
}
