package io.radgate.pixels;

import java.util.Arrays;

/**
 * Percentiles as numpy's {@code np.percentile} computes them by default ("linear"): sort the
 * {@code n} values, take the virtual index {@code p / 100 · (n - 1)} and interpolate linearly
 * between the two values around it. NaN values are not allowed.
 */
public final class Percentiles {
    private Percentiles() {
    }

    /** The percentiles {@code ps} (each in [0, 100]) of {@code values}, in the order asked. */
    public static double[] of(float[] values, double... ps) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Float.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("percentiles of NaN values");
        }
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = ofSorted(sorted, ps[i]);
        }
        return out;
    }

    static double ofSorted(float[] sorted, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile " + p + " is outside [0, 100]");
        }
        double index = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(index);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = index - below;
        double lo = sorted[below];
        double hi = sorted[above];
        return lo + (hi - lo) * fraction;
    }
}
