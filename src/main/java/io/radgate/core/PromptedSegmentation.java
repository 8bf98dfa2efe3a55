package io.radgate.core;

import com.google.protobuf.ByteString;
import io.radgate.error.RadgateException;
import io.radgate.imaging.Raster;
import io.radgate.pixels.TransformedRaster;
import io.radgate.triton.TritonClient;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Text-prompted 2D segmentation on a BATCHING Triton model, protocol-agnostic: images, each with
 * one or more prompts, become masks in MODEL space (route size × route size), one per prompt.
 *
 * <p>Each image is prepared by the route ({@link ModelRoute.Preparation}; an image already
 * size × size is sent as it is). Every (image, prompt) pair is one batch element: inputs
 * {@code IMAGE} UINT8 [B, size, size] and {@code PROMPT} BYTES [B, 1]; outputs {@code MASK} UINT8
 * [B, size, size] (probabilities 0..255) and, when the model has it, {@code CATEGORY} BYTES
 * [B, 1]. All pairs of a call go to Triton as ONE request (one batch) when they fit the model's
 * {@code max_batch_size}; more are split into consecutive batches of that size.
 */
public final class PromptedSegmentation {
    static final String PROMPT = "PROMPT";
    static final String MASK = "MASK";
    static final String CATEGORY = "CATEGORY";

    /** One image (8-bit gray, any size) and its prompts (at least one). */
    public record Row(Raster gray, List<String> prompts) {
        public Row {
            if (gray.type() != Raster.Type.U8 || gray.channels() != 1) {
                throw new IllegalArgumentException("a prompted row needs an 8-bit gray image, got " + gray);
            }
            if (prompts.isEmpty()) {
                throw new IllegalArgumentException("a prompted row needs at least one prompt");
            }
            prompts = List.copyOf(prompts);
        }
    }

    /**
     * A row's answer: {@code masks.get(i)} is the size × size probability mask (row-major) of
     * prompt i, {@code categories.get(i)} its category ("" when the model gives none).
     */
    public record RowMasks(int size, List<byte[]> masks, List<String> categories) {
    }

    private final TritonClient triton;
    private final Executor blocking;

    public PromptedSegmentation(ImagePipeline pipeline) {
        this.triton = pipeline.triton();
        this.blocking = pipeline.blocking();
    }

    public CompletableFuture<List<RowMasks>> segment(ModelRoute route, List<Row> rows) {
        if (route.preparation() == ModelRoute.Preparation.AS_IS) {
            throw new IllegalArgumentException("prompted segmentation needs a fixed model size");
        }
        int size = route.size();
        return triton.modelConfig(route.model(), route.version()).thenCompose(config -> {
            if (config.getMaxBatchSize() < 1) {
                throw RadgateException.unavailable("model " + route.spec() + " does not batch (max_batch_size 0)");
            }
            boolean categories = config.getOutputList().stream().anyMatch(o -> o.getName().equals(CATEGORY));
            return CompletableFuture.supplyAsync(() -> prepare(route, rows), blocking)
                    .thenCompose(images -> infer(route, rows, images, config.getMaxBatchSize(), categories))
                    .thenApply(flat -> regroup(rows, flat, size));
        });
    }

    private static List<byte[]> prepare(ModelRoute route, List<Row> rows) {
        List<byte[]> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Raster g = row.gray();
            boolean ready = g.width() == route.size() && g.height() == route.size();
            TransformedRaster t = ready ? TransformedRaster.untouched(g) : ImagePipeline.prepare(route, g);
            out.add(t.raster().u8Samples());
        }
        return out;
    }

    /** One batch element: which image, which prompt. */
    private record Element(int row, String prompt) {
    }

    /** Mask and category per element, in element order. */
    private record Flat(List<byte[]> masks, List<String> categories) {
    }

    private CompletableFuture<Flat> infer(ModelRoute route, List<Row> rows, List<byte[]> images, int maxBatch,
                                          boolean categories) {
        List<Element> elements = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            for (String p : rows.get(r).prompts()) {
                elements.add(new Element(r, p));
            }
        }
        List<CompletableFuture<Flat>> batches = new ArrayList<>();
        for (int from = 0; from < elements.size(); from += maxBatch) {
            List<Element> batch = elements.subList(from, Math.min(elements.size(), from + maxBatch));
            batches.add(triton.infer(request(route, batch, images, categories))
                    .thenApplyAsync(resp -> read(route, resp, batch.size(), categories), blocking));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<byte[]> masks = new ArrayList<>();
            List<String> cats = new ArrayList<>();
            for (CompletableFuture<Flat> b : batches) {
                masks.addAll(b.join().masks());
                cats.addAll(b.join().categories());
            }
            return new Flat(masks, cats);
        });
    }

    private static ModelInferRequest request(ModelRoute route, List<Element> batch, List<byte[]> images, boolean categories) {
        int size = route.size();
        ByteString.Output pixels = ByteString.newOutput(batch.size() * size * size);
        ByteString.Output prompts = ByteString.newOutput();
        for (Element e : batch) {
            pixels.write(images.get(e.row()), 0, size * size);
            byte[] p = e.prompt().getBytes(StandardCharsets.UTF_8);
            prompts.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(p.length).array(), 0, 4);
            prompts.write(p, 0, p.length);
        }
        ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(route.model())
                .setModelVersion(route.version())
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(ImagePipeline.IMAGE)
                        .setDatatype("UINT8").addShape(batch.size()).addShape(size).addShape(size))
                .addRawInputContents(pixels.toByteString())
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(PROMPT).setDatatype("BYTES")
                        .addShape(batch.size()).addShape(1))
                .addRawInputContents(prompts.toByteString())
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(MASK));
        if (categories) {
            b.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(CATEGORY));
        }
        return b.build();
    }

    private static Flat read(ModelRoute route, ModelInferResponse r, int count, boolean categories) {
        int plane = route.size() * route.size();
        ByteString mask = InferOutputs.output(r, MASK, route);
        if (mask.size() != (long) count * plane) {
            throw RadgateException.unavailable("model " + route.spec() + " returned " + mask.size()
                    + " MASK bytes for " + count + " masks of " + route.size() + "x" + route.size());
        }
        List<byte[]> masks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            masks.add(mask.substring(i * plane, (i + 1) * plane).toByteArray());
        }
        List<String> cats = new ArrayList<>(count);
        if (categories) {
            ByteBuffer buf = InferOutputs.output(r, CATEGORY, route).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                if (buf.remaining() < 4) {
                    throw RadgateException.unavailable("model " + route.spec() + " returned too few CATEGORY strings");
                }
                int len = buf.getInt();
                if (len < 0 || len > buf.remaining()) {
                    throw RadgateException.unavailable("model " + route.spec() + " returned a malformed CATEGORY");
                }
                byte[] s = new byte[len];
                buf.get(s);
                cats.add(new String(s, StandardCharsets.UTF_8));
            }
        } else {
            for (int i = 0; i < count; i++) {
                cats.add("");
            }
        }
        return new Flat(masks, cats);
    }

    private static List<RowMasks> regroup(List<Row> rows, Flat flat, int size) {
        List<RowMasks> out = new ArrayList<>(rows.size());
        int k = 0;
        for (Row row : rows) {
            int n = row.prompts().size();
            out.add(new RowMasks(size, List.copyOf(flat.masks().subList(k, k + n)),
                    List.copyOf(flat.categories().subList(k, k + n))));
            k += n;
        }
        return out;
    }

}
