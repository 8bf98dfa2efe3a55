package io.radgate.post;

/**
 * Logits to probabilities, for models whose last layer has no activation. Use
 * {@link #softmax} when the classes exclude each other (exactly one is true: a single-label
 * classifier, or the channels of one pixel in a segmentation); use {@link #sigmoid} when each
 * class is a yes/no question of its own (multi-label, e.g. a list of findings that may
 * co-occur). Use neither when the model already outputs probabilities (Triton configs and
 * model cards say which), and neither before an argmax, which they do not change.
 */
public final class ScoreFunctions {

    private ScoreFunctions() {
    }

    /** Softmax over all values; the maximum is subtracted first so large logits do not overflow. */
    public static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double[] out = new double[logits.length];
        if (logits.length == 0) {
            return out;
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    public static double[] softmax(float[] logits) {
        return softmax(toDouble(logits));
    }

    /** Elementwise logistic function, computed so that neither tail overflows. */
    public static double[] sigmoid(double[] logits) {
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = sigmoid(logits[i]);
        }
        return out;
    }

    public static double[] sigmoid(float[] logits) {
        return sigmoid(toDouble(logits));
    }

    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
