package io.radgate.protocol.mdai;

import io.radgate.post.ByteMask;
import io.radgate.post.Component;
import io.radgate.post.ConnectedComponents;
import io.radgate.post.Connectivity;
import io.radgate.post.ContourOptions;
import io.radgate.post.ContourTracer;
import io.radgate.post.LabelScore;
import io.radgate.post.MaskThresholds;
import io.radgate.post.PixelPoint;
import io.radgate.post.RegionContour;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model results as MD.ai outputs, shaped for MD.ai's {@code OutputValidator}: only its keys,
 * ints as Integer (packed as msgpack int, never bool), probabilities as Double (float64),
 * {@code data} exactly one of mask {@code {mask: [[0|1, ...], ...]}}, vertices
 * {@code {vertices: [[x, y], ...]}}, box {@code {x, y, width, height}} or point {@code {x, y}},
 * all in ORIGINAL pixel coordinates of the instance (and frame) the image came from.
 *
 * <p>Each group (instance, series or study, by scope) without any finding gives one
 * {@code NONE} output carrying the UIDs its scope names.
 */
final class MdaiOutputs {
    /** A probability map is "on" from this probability (uint8 level 128) upwards. */
    static final double MASK_THRESHOLD = 0.5;

    private MdaiOutputs() {
    }

    /** Outputs of a segmenter: {@code masks[i]} is the probability map of the i-th image over all groups. */
    static List<Map<String, Object>> fromMasks(List<MdaiImages.Group> groups, List<ByteMask> masks,
                                               MdaiConfig.Output output, LabelClasses labels) {
        int classIndex = labels.classIndex(0, null);
        List<Map<String, Object>> out = new ArrayList<>();
        int next = 0;
        for (MdaiImages.Group g : groups) {
            int before = out.size();
            for (MdaiImages.MdaiImage im : g.images()) {
                ByteMask prob = masks.get(next++);
                byte[] on = MaskThresholds.atLeast(prob.data(), MASK_THRESHOLD, 1);
                ByteMask binary = new ByteMask(prob.width(), prob.height(), 1, on);
                for (Object[] dataAndScore : findings(binary, prob, output)) {
                    out.add(annotation(im, classIndex, (Map<?, ?>) dataAndScore[0], (Double) dataAndScore[1]));
                }
            }
            if (out.size() == before) {
                out.add(none(g));
            }
        }
        return out;
    }

    private static List<Object[]> findings(ByteMask binary, ByteMask prob, MdaiConfig.Output output) {
        List<Object[]> out = new ArrayList<>();
        switch (output) {
            case MASK -> {
                long sum = 0;
                int n = 0;
                for (int i = 0; i < binary.data().length; i++) {
                    if (binary.data()[i] != 0) {
                        sum += prob.data()[i] & 0xff;
                        n++;
                    }
                }
                if (n > 0) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("mask", new Msgpack.Grid(binary.width(), binary.height(), binary.data()));
                    out.add(new Object[] {data, sum / (255.0 * n)});
                }
            }
            case VERTICES -> {
                for (RegionContour c : ContourTracer.trace(binary, 0, prob, ContourOptions.DEFAULT.withHoles(false))) {
                    List<Object> vertices = new ArrayList<>();
                    for (PixelPoint p : c.outer().points()) {
                        vertices.add(List.of(p.x(), p.y()));
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("vertices", vertices);
                    out.add(new Object[] {data, c.component().meanScore()});
                }
            }
            case BOX, POINT -> {
                for (Component c : ConnectedComponents.find(binary, 0, Connectivity.EIGHT, prob, 1)) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    if (output == MdaiConfig.Output.BOX) {
                        data.put("x", c.box().xMin());
                        data.put("y", c.box().yMin());
                        data.put("width", c.box().width());
                        data.put("height", c.box().height());
                    } else {
                        data.put("x", c.insidePoint().x());
                        data.put("y", c.insidePoint().y());
                    }
                    out.add(new Object[] {data, c.meanScore()});
                }
            }
            default -> throw new IllegalStateException("not a mask output: " + output);
        }
        return out;
    }

    /**
     * Outputs of a classifier: {@code scores[i]} are the class scores of the i-th image over
     * all groups. A group's scores are the mean over its images; its best class is the output,
     * with the group's UIDs (a global label of the scope's level).
     */
    static List<Map<String, Object>> fromScores(List<MdaiImages.Group> groups, List<List<LabelScore>> scores,
                                                LabelClasses labels) {
        List<Map<String, Object>> out = new ArrayList<>();
        int next = 0;
        for (MdaiImages.Group g : groups) {
            Map<Integer, double[]> sums = new TreeMap<>();
            Map<Integer, String> names = new TreeMap<>();
            for (int i = 0; i < g.images().size(); i++) {
                for (LabelScore s : scores.get(next++)) {
                    sums.computeIfAbsent(s.index(), k -> new double[1])[0] += s.score();
                    names.putIfAbsent(s.index(), s.name());
                }
            }
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
                if (e.getValue()[0] > bestScore) {
                    best = e.getKey();
                    bestScore = e.getValue()[0];
                }
            }
            if (best < 0) {
                out.add(none(g));
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("type", "ANNOTATION");
            o.put("study_uid", g.study());
            o.put("series_uid", g.series());
            o.put("instance_uid", g.instance());
            o.put("frame_number", null);
            o.put("class_index", labels.classIndex(best, names.get(best)));
            o.put("probability", bestScore / g.images().size());
            out.add(o);
        }
        return out;
    }

    private static Map<String, Object> annotation(MdaiImages.MdaiImage im, int classIndex, Map<?, ?> data,
                                                  double probability) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "ANNOTATION");
        o.put("study_uid", im.study());
        o.put("series_uid", im.series());
        o.put("instance_uid", im.instance());
        o.put("frame_number", im.frameNumber());
        o.put("class_index", classIndex);
        o.put("data", data);
        o.put("probability", probability);
        return o;
    }

    private static Map<String, Object> none(MdaiImages.Group g) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "NONE");
        o.put("study_uid", g.study());
        if (g.series() != null) {
            o.put("series_uid", g.series());
        }
        if (g.instance() != null) {
            o.put("instance_uid", g.instance());
        }
        return o;
    }
}
