package io.radgate.post;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The best {@code k} classes of a score vector: highest score first, ties broken by the lower
 * class index so that equal inputs always give the same answer. A class is eligible when its
 * score is at least its threshold; NaN scores never are.
 */
public final class TopK {

    private static final Comparator<LabelScore> ORDER = Comparator.comparingDouble(LabelScore::score).reversed()
            .thenComparingInt(LabelScore::index);

    private TopK() {
    }

    /** Every class scored at least {@code threshold} (use negative infinity for none), best k. */
    public static List<LabelScore> of(double[] scores, int k, double threshold, LabelNames names) {
        return select(scores, k, i -> threshold, names);
    }

    public static List<LabelScore> of(float[] scores, int k, double threshold, LabelNames names) {
        return of(ScoreFunctions.toDouble(scores), k, threshold, names);
    }

    /**
     * With one threshold per class; classes beyond {@code thresholds.length} use
     * {@code defaultThreshold}.
     */
    public static List<LabelScore> of(double[] scores, int k, double[] thresholds, double defaultThreshold,
                                      LabelNames names) {
        return select(scores, k, i -> i < thresholds.length ? thresholds[i] : defaultThreshold, names);
    }

    @FunctionalInterface
    private interface Threshold {
        double of(int index);
    }

    private static List<LabelScore> select(double[] scores, int k, Threshold threshold, LabelNames names) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, got " + k);
        }
        List<LabelScore> eligible = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (!Double.isNaN(s) && s >= threshold.of(i)) {
                eligible.add(new LabelScore(i, names.name(i), s));
            }
        }
        eligible.sort(ORDER);
        return List.copyOf(eligible.subList(0, Math.min(k, eligible.size())));
    }
}
