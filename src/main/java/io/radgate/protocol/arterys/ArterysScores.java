package io.radgate.protocol.arterys;

import io.radgate.post.LabelScore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Classification results for study_ml_json / series_ml_json: mean score per class over frames. */
final class ArterysScores {
    private ArterysScores() {
    }

    /** {@code {"model", "label", "score", "scores": {name: mean}}}; classes in index order, best label first on ties by index. */
    static Map<String, Object> summary(String model, List<List<LabelScore>> frames) {
        TreeMap<Integer, String> names = new TreeMap<>();
        TreeMap<Integer, Double> sums = new TreeMap<>();
        for (List<LabelScore> frame : frames) {
            for (LabelScore s : frame) {
                names.put(s.index(), s.name() == null ? String.valueOf(s.index()) : s.name());
                sums.merge(s.index(), s.score(), Double::sum);
            }
        }
        Map<String, Object> scores = new LinkedHashMap<>();
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, Double> e : sums.entrySet()) {
            double mean = e.getValue() / frames.size();
            scores.put(names.get(e.getKey()), mean);
            if (mean > bestScore) {
                bestScore = mean;
                best = e.getKey();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("label", best < 0 ? null : names.get(best));
        out.put("score", best < 0 ? null : bestScore);
        out.put("scores", scores);
        return out;
    }
}
