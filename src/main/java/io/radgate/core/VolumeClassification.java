package io.radgate.core;

import com.google.protobuf.ByteString;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.triton.TritonClient;
import io.radgate.triton.proto.InferParameter;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import io.radgate.triton.proto.ModelMetadataResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A study-level classifier over one CT volume (see triton-model-repo/study_classifier): input
 * {@code VOLUME} UINT8 [depth, height, width] and, when the model declares it, {@code SPACING}
 * FP32 [3] (mm along slice, row, column); outputs {@code PROBABILITY} FP32 [1], {@code SCORES}
 * FP32 [K] with a labels file (read through Triton's classification extension, all K, best
 * first) and, when declared, {@code NOT_APPLICABLE} BYTES [1]: empty, or why the volume cannot
 * be classified.
 */
public final class VolumeClassification {
    static final String VOLUME = "VOLUME";
    static final String SPACING = "SPACING";
    static final String PROBABILITY = "PROBABILITY";
    static final String SCORES = "SCORES";
    static final String NOT_APPLICABLE = "NOT_APPLICABLE";

    private final TritonClient triton;

    public VolumeClassification(ImagePipeline pipeline) {
        this.triton = pipeline.triton();
    }

    public CompletableFuture<VolumeScores> classify(ModelRoute route, PreparedVolume volume) {
        return triton.modelMetadata(route.model(), route.version()).thenCompose(meta -> {
            long classes = meta.getOutputsList().stream().filter(o -> o.getName().equals(SCORES)).findFirst()
                    .map(o -> o.getShape(o.getShapeCount() - 1)).orElse(0L);
            if (classes <= 0 || !declares(meta, PROBABILITY)) {
                throw new RadgateException(ErrorKind.UNAVAILABLE, "model " + route.spec()
                        + " is not a study classifier: it needs outputs PROBABILITY and SCORES (fixed class count)");
            }
            boolean reasons = declares(meta, NOT_APPLICABLE);
            return triton.infer(request(route, meta, volume, classes, reasons)).thenApply(r -> read(r, route, reasons));
        });
    }

    private static boolean declares(ModelMetadataResponse meta, String output) {
        return meta.getOutputsList().stream().anyMatch(o -> o.getName().equals(output));
    }

    private static ModelInferRequest request(ModelRoute route, ModelMetadataResponse meta, PreparedVolume v,
                                             long classes, boolean reasons) {
        ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(route.model())
                .setModelVersion(route.version())
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(VOLUME).setDatatype("UINT8")
                        .addShape(v.depth()).addShape(v.height()).addShape(v.width()))
                .addRawInputContents(ByteString.copyFrom(v.voxels()));
        if (meta.getInputsList().stream().anyMatch(i -> i.getName().equals(SPACING))) {
            ByteBuffer spacing = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat((float) v.spacingZ()).putFloat((float) v.spacingY()).putFloat((float) v.spacingX());
            b.addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(SPACING).setDatatype("FP32")
                    .addShape(3)).addRawInputContents(ByteString.copyFrom(spacing.array()));
        }
        b.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(PROBABILITY));
        b.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(SCORES)
                .putParameters("classification", InferParameter.newBuilder().setInt64Param(classes).build()));
        if (reasons) {
            b.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(NOT_APPLICABLE));
        }
        return b.build();
    }

    private static VolumeScores read(ModelInferResponse r, ModelRoute route, boolean reasons) {
        ByteBuffer p = ImagePipeline.le(InferOutputs.output(r, PROBABILITY, route));
        if (p.remaining() < 4) {
            throw new RadgateException(ErrorKind.UNAVAILABLE, "model " + route.spec() + " returned an empty PROBABILITY");
        }
        double probability = p.getFloat();
        if (!(probability >= 0 && probability <= 1)) {
            throw new RadgateException(ErrorKind.UNAVAILABLE, "model " + route.spec() + " returned PROBABILITY "
                    + probability + ", outside [0, 1]");
        }
        String reason = "";
        if (reasons) {
            ByteBuffer b = ImagePipeline.le(InferOutputs.output(r, NOT_APPLICABLE, route));
            if (b.remaining() >= 4) {
                int n = b.getInt();
                if (n < 0 || n > b.remaining()) {
                    throw new RadgateException(ErrorKind.UNAVAILABLE, "model " + route.spec()
                            + " returned a malformed NOT_APPLICABLE string");
                }
                byte[] text = new byte[n];
                b.get(text);
                reason = new String(text, StandardCharsets.UTF_8).strip();
            }
        }
        return new VolumeScores(probability, ImagePipeline.labels(r, route), reason);
    }
}
