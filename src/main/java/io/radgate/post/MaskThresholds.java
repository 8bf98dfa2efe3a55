package io.radgate.post;

/**
 * Probability maps to binary masks, and per-class score maps to label maps. A uint8
 * probability {@code v} means {@code v / 255}; "probability ≥ t" is therefore
 * {@code v ≥ t · 255}, so t = 0.5 keeps 128..255 (Arterys' default level 128), and
 * MedImageParse clients' {@code mask > 128} is {@link #atLeastLevel atLeastLevel(.., 129, ..)}.
 */
public final class MaskThresholds {

    private MaskThresholds() {
    }

    /** {@code onValue} (1 or 255, say) where probability ≥ {@code threshold} (0 < t ≤ 1), else 0. */
    public static ByteMask atLeast(ByteMask probabilities, double threshold, int onValue) {
        return new ByteMask(probabilities.width(), probabilities.height(), probabilities.depth(),
                atLeast(probabilities.data(), threshold, onValue));
    }

    public static byte[] atLeast(byte[] probabilities, double threshold, int onValue) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
        // the epsilon keeps t = 128/255 at level 128 despite rounding in t * 255
        return atLeastLevel(probabilities, (int) Math.ceil(threshold * 255 - 1e-9), onValue);
    }

    /** {@code onValue} where the raw uint8 value is ≥ {@code level} (1..255), else 0. */
    public static byte[] atLeastLevel(byte[] values, int level, int onValue) {
        if (level < 1 || level > 255) {
            throw new IllegalArgumentException("level must be in 1..255, got " + level);
        }
        byte on = onByte(onValue);
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if ((values[i] & 0xFF) >= level) {
                out[i] = on;
            }
        }
        return out;
    }

    /** Any non-zero value becomes {@code onValue}: boolean masks to 0/1 or 0/255. */
    public static ByteMask nonZero(ByteMask mask, int onValue) {
        return new ByteMask(mask.width(), mask.height(), mask.depth(), atLeastLevel(mask.data(), 1, onValue));
    }

    /**
     * The index of the highest of {@code channels} score planes at every position
     * ({@code scores} laid out channel-major, {@code planeSize} values per channel); ties go to
     * the lower channel, NaN never wins. Logits need no softmax first: it keeps the order.
     */
    public static byte[] argmax(float[] scores, int channels, int planeSize) {
        if (channels < 1 || channels > 256 || planeSize < 1 || (long) channels * planeSize != scores.length) {
            throw new IllegalArgumentException(scores.length + " scores are not " + channels + " channels of "
                    + planeSize + " (at most 256 channels)");
        }
        byte[] labels = new byte[planeSize];
        float[] best = new float[planeSize];
        System.arraycopy(scores, 0, best, 0, planeSize);
        for (int c = 1; c < channels; c++) {
            int base = c * planeSize;
            for (int i = 0; i < planeSize; i++) {
                float s = scores[base + i];
                if (s > best[i] || (Float.isNaN(best[i]) && !Float.isNaN(s))) {
                    best[i] = s;
                    labels[i] = (byte) c;
                }
            }
        }
        return labels;
    }

    private static byte onByte(int onValue) {
        if (onValue < 1 || onValue > 255) {
            throw new IllegalArgumentException("on value must be in 1..255, got " + onValue);
        }
        return (byte) onValue;
    }
}
