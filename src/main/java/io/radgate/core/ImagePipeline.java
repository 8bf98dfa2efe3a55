package io.radgate.core;

import com.google.protobuf.ByteString;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.Raster;
import io.radgate.pixels.Letterbox;
import io.radgate.pixels.TransformedRaster;
import io.radgate.post.ByteMask;
import io.radgate.post.LabelScore;
import io.radgate.post.MaskBackMapper;
import io.radgate.post.ModelCoordinates;
import io.radgate.post.PixelBox;
import io.radgate.triton.TritonClient;
import io.radgate.triton.proto.InferParameter;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import io.radgate.triton.proto.ModelMetadataResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The protocol-agnostic flow for 2D images: prepare (with a recorded transform) → infer on
 * Triton → read the outputs back onto the ORIGINAL pixels. Preparation and post-processing run
 * on the blocking executor, never on an event loop.
 *
 * <p>Tensor conventions of the models it drives (see triton-model-repo/): input {@code IMAGE}
 * UINT8 [1, H, W], optional {@code INPUT_JSON_PARAMS} BYTES [1, 1]; a segmenter answers
 * {@code MASK} UINT8 [1, H, W] probabilities (0..255); a detector {@code BOXES} FP32 [n, 4]
 * (inclusive pixel boxes x_min, y_min, x_max, y_max), {@code SCORES} FP32 [n], {@code LABELS}
 * INT32 [n]; a classifier {@code SCORES} with a labels file (read through Triton's
 * classification extension).
 */
public final class ImagePipeline {
    static final String IMAGE = "IMAGE";
    static final String PARAMS = "INPUT_JSON_PARAMS";

    private final TritonClient triton;
    private final Executor blocking;

    public ImagePipeline(TritonClient triton, Executor blocking) {
        this.triton = triton;
        this.blocking = blocking;
    }

    /** The Triton client and executor, for the other core flows ({@link PromptedSegmentation}). */
    TritonClient triton() {
        return triton;
    }

    Executor blocking() {
        return blocking;
    }

    /** Probability masks (0..255), one per image, each the size of its original image. */
    public CompletableFuture<List<ByteMask>> segment(ModelRoute route, List<Image2d> images, String paramsJson) {
        return each(route, images, paramsJson, List.of("MASK"), (prepared, r) -> {
            byte[] mask = InferOutputs.output(r, "MASK", route).toByteArray();
            return MaskBackMapper.probabilities(mask, 1, prepared.transform(), MaskBackMapper.Interpolation.BILINEAR);
        });
    }

    /** Detections per image, boxes mapped back onto the original pixels. */
    public CompletableFuture<List<List<Detection>>> detect(ModelRoute route, List<Image2d> images, String paramsJson) {
        return each(route, images, paramsJson, List.of("BOXES", "SCORES", "LABELS"), (prepared, r) -> {
            ByteBuffer boxes = le(InferOutputs.output(r, "BOXES", route));
            ByteBuffer scores = le(InferOutputs.output(r, "SCORES", route));
            ByteBuffer labels = le(InferOutputs.output(r, "LABELS", route));
            List<Detection> out = new ArrayList<>();
            for (int i = 0; scores.remaining() >= 4; i++) {
                PixelBox model = new PixelBox(Math.round(boxes.getFloat()), Math.round(boxes.getFloat()),
                        Math.round(boxes.getFloat()), Math.round(boxes.getFloat()));
                float score = scores.getFloat();
                int label = labels.getInt();
                Optional<PixelBox> box = ModelCoordinates.box(model, prepared.transform());
                box.ifPresent(b -> out.add(new Detection(b, label, score)));
            }
            return out;
        });
    }

    /** Every class of the model with its score, best first (ties: lower index first). */
    public CompletableFuture<List<LabelScore>> classify(ModelRoute route, Image2d image) {
        return triton.modelMetadata(route.model(), route.version()).thenCompose(meta -> {
            long classes = meta.getOutputsList().stream().filter(o -> o.getName().equals("SCORES"))
                    .findFirst().map(o -> o.getShape(o.getShapeCount() - 1)).orElse(0L);
            if (classes <= 0) {
                throw new RadgateException(ErrorKind.UNAVAILABLE, "model " + route.spec()
                        + " has no SCORES output with a fixed number of classes");
            }
            return CompletableFuture.supplyAsync(() -> prepare(route, image.gray()), blocking)
                    .thenCompose(prepared -> triton.infer(request(route, meta, prepared.raster(), null,
                            List.of("SCORES"), classes)))
                    .thenApply(r -> labels(r, route));
        });
    }

    private <T> CompletableFuture<List<T>> each(ModelRoute route, List<Image2d> images, String paramsJson,
                                                List<String> outputs, Reader<T> reader) {
        return triton.modelMetadata(route.model(), route.version()).thenCompose(meta -> {
            List<CompletableFuture<T>> all = new ArrayList<>();
            for (Image2d image : images) {
                all.add(CompletableFuture.supplyAsync(() -> prepare(route, image.gray()), blocking)
                        .thenCompose(prepared -> triton.infer(request(route, meta, prepared.raster(), paramsJson,
                                        outputs, 0))
                                .thenApplyAsync(r -> reader.read(prepared, r), blocking)));
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
        });
    }

    static TransformedRaster prepare(ModelRoute route, Raster gray) {
        return switch (route.preparation()) {
            case LETTERBOX -> Letterbox.fit(gray, route.size());
            case PAD_THEN_RESIZE -> Letterbox.padThenResize(gray, route.size());
            case AS_IS -> TransformedRaster.untouched(gray);
        };
    }

    static ModelInferRequest request(ModelRoute route, ModelMetadataResponse meta, Raster u8, String params,
                                             List<String> outputs, long classCount) {
        ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(route.model())
                .setModelVersion(route.version())
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(IMAGE).setDatatype("UINT8")
                        .addShape(1).addShape(u8.height()).addShape(u8.width()))
                .addRawInputContents(ByteString.copyFrom(u8.u8Samples()));
        boolean takesParams = meta.getInputsList().stream().anyMatch(i -> i.getName().equals(PARAMS));
        if (params != null && takesParams) {
            byte[] p = params.getBytes(StandardCharsets.UTF_8);
            ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(p.length);
            b.addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(PARAMS).setDatatype("BYTES")
                            .addShape(1).addShape(1))
                    .addRawInputContents(ByteString.copyFrom(len.array()).concat(ByteString.copyFrom(p)));
        }
        for (String o : outputs) {
            ModelInferRequest.InferRequestedOutputTensor.Builder out =
                    ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(o);
            if (classCount > 0) {
                out.putParameters("classification", InferParameter.newBuilder().setInt64Param(classCount).build());
            }
            b.addOutputs(out);
        }
        return b.build();
    }

    /** Triton's classification strings {@code score:index:label}, in its order (best first). */
    static List<LabelScore> labels(ModelInferResponse r, ModelRoute route) {
        ByteBuffer buf = le(InferOutputs.output(r, "SCORES", route));
        List<LabelScore> out = new ArrayList<>();
        while (buf.remaining() >= 4) {
            byte[] s = new byte[buf.getInt()];
            buf.get(s);
            String[] parts = new String(s, StandardCharsets.UTF_8).split(":", 3);
            out.add(new LabelScore(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : parts[1],
                    Double.parseDouble(parts[0])));
        }
        return out;
    }


    static ByteBuffer le(ByteString s) {
        return s.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(TransformedRaster prepared, ModelInferResponse response);
    }
}
