package io.radgate.protocol.arterys;

import io.radgate.core.Detection;
import io.radgate.core.Image2d;
import io.radgate.core.ImagePipeline;
import io.radgate.core.ModelRoute;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.Instance;
import io.radgate.imaging.Series;
import io.radgate.imaging.SeriesSlice;
import io.radgate.imaging.SeriesTimepoint;
import io.radgate.imaging.SliceOrder;
import io.radgate.imaging.Study;
import io.radgate.post.ByteMask;
import io.radgate.post.LabelScore;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one Arterys command through the core pipeline and builds the response JSON (insertion
 * ordered, rendered by {@link PyJson}) with its binary parts. Every coordinate and mask is in
 * the ORIGINAL pixels of the instance it names.
 */
final class ArterysInference {
    static final String PROTOCOL_VERSION = "1.0";
    static final String BINARY = "application/binary";

    /** The response JSON and one buffer per entry of its {@code parts}. */
    record Result(Map<String, Object> json, List<ArterysResponseWriter.Binary> binaries) {
    }

    private final ImagePipeline pipeline;
    private final ArterysRoutes routes;

    ArterysInference(ImagePipeline pipeline, ArterysRoutes routes) {
        this.pipeline = pipeline;
        this.routes = routes;
    }

    CompletableFuture<Result> run(ArterysJob job) {
        ModelRoute route = routes.route(job.command());
        return switch (job.command()) {
            case BOUNDING_BOX_2D -> pipeline.detect(route, job.images(), job.paramsJson()).thenApply(d -> boxes(job, d));
            case PROBABILITY_MASK, PROBABILITY_MASK_2D -> pipeline.segment(route, job.images(), job.paramsJson())
                    .thenApply(m -> masks2d(job, route, m));
            case PROBABILITY_MASK_3D -> masks3d(job, route);
            case CLASSIFICATION_LABELS -> classify(job, route);
        };
    }

    private static Map<String, Object> base() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol_version", PROTOCOL_VERSION);
        return json;
    }

    /** bounding_boxes_2d: top_left and bottom_right are [column, row], both inclusive pixel indices. */
    static Result boxes(ArterysJob job, List<List<Detection>> detections) {
        List<Object> boxes = new ArrayList<>();
        for (int i = 0; i < job.frames().size(); i++) {
            ArterysJob.Frame f = job.frames().get(i);
            for (Detection d : detections.get(i)) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("label", "class_" + d.classIndex());
                b.put("SOPInstanceUID", f.instance().uids().sopInstance());
                if (f.multiFrame()) {
                    b.put("frame_number", f.frameNumber());
                }
                b.put("top_left", List.of(d.box().xMin(), d.box().yMin()));
                b.put("bottom_right", List.of(d.box().xMax(), d.box().yMax()));
                b.put("probability", d.score());
                boxes.add(b);
            }
        }
        Map<String, Object> json = base();
        json.put("bounding_boxes_2d", boxes);
        json.put("parts", List.of());
        return new Result(json, List.of());
    }

    /** One probability_mask part per frame, width × height uint8 in row-major order. */
    static Result masks2d(ArterysJob job, ModelRoute route, List<ByteMask> masks) {
        List<Object> parts = new ArrayList<>();
        List<ArterysResponseWriter.Binary> binaries = new ArrayList<>();
        for (int i = 0; i < job.frames().size(); i++) {
            ArterysJob.Frame f = job.frames().get(i);
            ByteMask m = masks.get(i);
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("label", route.model());
            part.put("binary_type", "probability_mask");
            part.put("binary_data_shape", shape(null, null, m.width(), m.height()));
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("SOPInstanceUID", f.instance().uids().sopInstance());
            if (f.multiFrame()) {
                image.put("frame_number", f.frameNumber());
            }
            part.put("dicom_image", image);
            parts.add(part);
            binaries.add(new ArterysResponseWriter.Binary(m.data(), BINARY));
        }
        Map<String, Object> json = base();
        json.put("parts", parts);
        return new Result(json, binaries);
    }

    /**
     * One probability_mask part per series: the series' slices in spatial order (timepoints
     * time-major), column fastest, then row, then slice, then timepoint.
     */
    private CompletableFuture<Result> masks3d(ArterysJob job, ModelRoute route) {
        Map<Instance, Map<Integer, Image2d>> byFrame = new IdentityHashMap<>();
        job.frames().forEach(f -> byFrame.computeIfAbsent(f.instance(), k -> new TreeMap<>()).put(f.frameNumber(), f.image()));
        List<Series> series = new ArrayList<>();
        for (Study s : SliceOrder.group(job.instances())) {
            series.addAll(s.series());
        }
        List<CompletableFuture<Volume>> volumes = new ArrayList<>();
        for (Series s : series) {
            List<Image2d> images = new ArrayList<>();
            int depth = s.timepoints().get(0).slices().size();
            for (SeriesTimepoint t : s.timepoints()) {
                if (t.slices().size() != depth) {
                    throw new RadgateException(ErrorKind.UNPROCESSABLE, "series " + s.seriesUid() + " has timepoints of "
                            + depth + " and " + t.slices().size() + " slices; a 3D mask needs the same number in each");
                }
                for (SeriesSlice sl : t.slices()) {
                    images.add(byFrame.get(sl.instance()).get(sl.frameNumber()));
                }
            }
            int w = images.get(0).gray().width();
            int h = images.get(0).gray().height();
            if (images.stream().anyMatch(i -> i.gray().width() != w || i.gray().height() != h)) {
                throw new RadgateException(ErrorKind.UNPROCESSABLE, "series " + s.seriesUid()
                        + " mixes image sizes; a 3D mask needs every slice the same size");
            }
            int timepoints = s.timepoints().size();
            int volumeBytes = volumeBytes(s.seriesUid(), w, h, images.size());
            volumes.add(pipeline.segment(route, images, job.paramsJson()).thenApply(masks -> {
                byte[] data = new byte[volumeBytes];
                for (int i = 0; i < masks.size(); i++) {
                    System.arraycopy(masks.get(i).data(), 0, data, i * w * h, w * h);
                }
                return new Volume(s.seriesUid(), timepoints, depth, w, h, data);
            }));
        }
        return CompletableFuture.allOf(volumes.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Object> parts = new ArrayList<>();
            List<ArterysResponseWriter.Binary> binaries = new ArrayList<>();
            for (CompletableFuture<Volume> f : volumes) {
                Volume vol = f.join();
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("label", route.model());
                part.put("binary_type", "probability_mask");
                part.put("binary_data_shape", shape(vol.timepoints, vol.depth, vol.width, vol.height));
                part.put("SeriesInstanceUID", vol.seriesUid);
                parts.add(part);
                binaries.add(new ArterysResponseWriter.Binary(vol.data, BINARY));
            }
            Map<String, Object> json = base();
            json.put("parts", parts);
            return new Result(json, binaries);
        });
    }

    /** Largest byte array the JVM allocates (a few bytes under Integer.MAX_VALUE). */
    static final int MAX_VOLUME_BYTES = Integer.MAX_VALUE - 8;

    /**
     * Bytes of one series' 3D mask (one byte per voxel), checked before any inference: a series
     * whose mask cannot be one array is too large for one Arterys response (413).
     */
    static int volumeBytes(String seriesUid, int width, int height, int slices) {
        long bytes = (long) width * height * slices;
        if (bytes > MAX_VOLUME_BYTES) {
            throw new RadgateException(ErrorKind.TOO_LARGE, "series " + seriesUid + ": a 3D mask of " + width + "x"
                    + height + "x" + slices + " = " + bytes + " voxels is larger than one response can hold (at most "
                    + MAX_VOLUME_BYTES + ")");
        }
        return (int) bytes;
    }

    private record Volume(String seriesUid, int timepoints, int depth, int width, int height, byte[] data) {
    }

    private static Map<String, Object> shape(Integer timepoints, Integer depth, int width, int height) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (timepoints != null) {
            s.put("timepoints", timepoints);
            s.put("depth", depth);
        }
        s.put("width", width);
        s.put("height", height);
        return s;
    }

    /**
     * Every frame classified; study_ml_json holds the mean score per class over all frames,
     * series_ml_json the same per SeriesInstanceUID, each with its best label.
     */
    private CompletableFuture<Result> classify(ArterysJob job, ModelRoute route) {
        List<CompletableFuture<List<LabelScore>>> all = new ArrayList<>();
        for (ArterysJob.Frame f : job.frames()) {
            all.add(pipeline.classify(route, f.image()));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<List<LabelScore>> scores = all.stream().map(CompletableFuture::join).toList();
            Map<String, Object> json = base();
            json.put("study_ml_json", ArterysScores.summary(route.model(), scores));
            Map<String, List<List<LabelScore>>> bySeries = new LinkedHashMap<>();
            for (int i = 0; i < job.frames().size(); i++) {
                bySeries.computeIfAbsent(job.frames().get(i).instance().uids().series(), k -> new ArrayList<>())
                        .add(scores.get(i));
            }
            Map<String, Object> series = new LinkedHashMap<>();
            bySeries.forEach((uid, s) -> series.put(uid, ArterysScores.summary(route.model(), s)));
            json.put("series_ml_json", series);
            json.put("parts", List.of());
            return new Result(json, List.of());
        });
    }
}
