package io.radgate.core;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.Raster;
import io.radgate.pixels.TransformedRaster;
import io.radgate.triton.proto.ModelConfig;
import io.radgate.triton.proto.ModelInferResponse;
import io.radgate.triton.proto.ModelMetadataResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A model whose answer is a polyline (seed 001's convention): {@code IMAGE} UINT8 [1, H, W] and
 * {@code INPUT_JSON_PARAMS} in, {@code POINTS} FP32 [N, 2] ([x, y] in the model's pixels) out,
 * every output the model lists requested. The points come back on the original image's pixels;
 * the label is the model configuration's {@code class_name} and {@code class_id} parameters.
 */
public final class PolylineInference {
    static final String POINTS = "POINTS";
    static final String CLASS_NAME = "class_name";
    static final String CLASS_ID = "class_id";

    /** Points [x, y] on the original pixels, in the model's order, and the polyline's label. */
    public record Polyline(List<double[]> points, String className, int classId) {
    }

    private final ImagePipeline pipeline;

    public PolylineInference(ImagePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Runs the model on an 8-bit gray image; failures are RadgateExceptions (bad input, unavailable). */
    public CompletableFuture<Polyline> run(ModelRoute route, Raster gray, String paramsJson) {
        CompletableFuture<ModelMetadataResponse> meta = pipeline.triton().modelMetadata(route.model(), route.version());
        CompletableFuture<ModelConfig> config = pipeline.triton().modelConfig(route.model(), route.version());
        return meta.thenCombine(config, (m, c) -> new Object[]{m, c}).thenCompose(mc -> {
            ModelMetadataResponse m = (ModelMetadataResponse) mc[0];
            ModelConfig c = (ModelConfig) mc[1];
            String className = parameter(c, CLASS_NAME, route);
            int classId = classId(parameter(c, CLASS_ID, route), route);
            List<String> outputs = m.getOutputsList().stream().map(ModelMetadataResponse.TensorMetadata::getName).toList();
            if (!outputs.contains(POINTS)) {
                throw new RadgateException(ErrorKind.UNAVAILABLE, "model " + route.spec() + " has no output " + POINTS);
            }
            return CompletableFuture.supplyAsync(() -> ImagePipeline.prepare(route, gray), pipeline.blocking())
                    .thenCompose(prepared -> pipeline.triton()
                            .infer(ImagePipeline.request(route, m, prepared.raster(), paramsJson, outputs, 0))
                            .thenApply(r -> new Polyline(points(r, route, prepared), className, classId)));
        });
    }

    private static List<double[]> points(ModelInferResponse r, ModelRoute route, TransformedRaster prepared) {
        ByteBuffer buf = ImagePipeline.le(InferOutputs.output(r, POINTS, route));
        List<double[]> out = new ArrayList<>(buf.remaining() / 8);
        var t = prepared.transform();
        while (buf.remaining() >= 8) {
            double x = buf.getFloat();
            double y = buf.getFloat();
            out.add(new double[]{t.toOriginalX(x), t.toOriginalY(y)});
        }
        return out;
    }

    private static String parameter(ModelConfig c, String key, ModelRoute route) {
        var p = c.getParametersMap().get(key);
        if (p == null || p.getStringValue().isBlank()) {
            throw new RadgateException(ErrorKind.UNAVAILABLE, "model " + route.spec()
                    + " has no '" + key + "' parameter in its configuration");
        }
        return p.getStringValue();
    }

    private static int classId(String value, ModelRoute route) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new RadgateException(ErrorKind.UNAVAILABLE, "model " + route.spec()
                    + ": parameter class_id is not an integer: " + value);
        }
    }
}
