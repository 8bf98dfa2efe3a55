package io.radgate.post;

import io.radgate.pixels.GeometricTransform;
import java.util.Objects;

/**
 * Model-space masks back onto the original pixels. The model mask is
 * {@code transform.dstWidth() × transform.dstHeight() × depth}, x fastest, then y, then slice;
 * the result is {@code srcWidth × srcHeight × depth} in the same order. Every original pixel
 * takes the model value at the model position of its centre,
 * {@code (toModelX(x + 0.5), toModelY(y + 0.5))}. Slices map one to one (the recorded
 * transform is in-plane); positions that fall outside the model image are clamped to its edge.
 *
 * <p>Labels and booleans always use nearest neighbour: a label is a name, never averaged.
 * Probabilities use {@link Interpolation#BILINEAR} unless told otherwise: a probability is a
 * smooth field, and when the model grid is coarser than the original, bilinear sampling
 * followed by a threshold puts boundaries between model pixels instead of on a staircase of
 * model-pixel blocks. On a 0/255 mask thresholded at 0.5 it gives exactly the nearest-neighbour
 * result at integer scales and stays within the same 1-pixel boundary band at others (both
 * tested), so nothing moves where the model was certain.
 */
public final class MaskBackMapper {

    public enum Interpolation { NEAREST, BILINEAR }

    private MaskBackMapper() {
    }

    /** uint8 labels (or booleans stored as bytes), nearest neighbour. */
    public static ByteMask labels(byte[] model, int depth, GeometricTransform t) {
        checkLength(model.length, depth, t);
        int w = t.srcWidth();
        int h = t.srcHeight();
        int mw = t.dstWidth();
        int[] mx = nearest(w, mw, t::toModelX);
        int[] my = nearest(h, t.dstHeight(), t::toModelY);
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), depth)];
        int o = 0;
        for (int z = 0; z < depth; z++) {
            int slice = z * mw * t.dstHeight();
            for (int y = 0; y < h; y++) {
                int row = slice + my[y] * mw;
                for (int x = 0; x < w; x++) {
                    out[o++] = model[row + mx[x]];
                }
            }
        }
        return new ByteMask(w, h, depth, out);
    }

    /** Integer labels 0..255 (Triton INT32 outputs), nearest neighbour. */
    public static ByteMask labels(int[] model, int depth, GeometricTransform t) {
        checkLength(model.length, depth, t);
        byte[] bytes = new byte[model.length];
        for (int i = 0; i < model.length; i++) {
            bytes[i] = labelByte(model[i]);
        }
        return labels(bytes, depth, t);
    }

    /** Integer labels 0..255 (Triton INT64 outputs, for example an argmax), nearest neighbour. */
    public static ByteMask labels(long[] model, int depth, GeometricTransform t) {
        checkLength(model.length, depth, t);
        byte[] bytes = new byte[model.length];
        for (int i = 0; i < model.length; i++) {
            if (model[i] < 0 || model[i] > 255) {
                throw new IllegalArgumentException("label " + model[i] + " at " + i + " does not fit in uint8");
            }
            bytes[i] = (byte) model[i];
        }
        return labels(bytes, depth, t);
    }

    /** Booleans, nearest neighbour; true becomes {@code onValue} (1 or 255, say), false 0. */
    public static ByteMask booleans(boolean[] model, int depth, GeometricTransform t, int onValue) {
        checkLength(model.length, depth, t);
        byte on = labelByte(onValue);
        byte[] bytes = new byte[model.length];
        for (int i = 0; i < model.length; i++) {
            bytes[i] = model[i] ? on : 0;
        }
        return labels(bytes, depth, t);
    }

    /** uint8 probabilities 0..255 (255 = 1.0). */
    public static ByteMask probabilities(byte[] model, int depth, GeometricTransform t, Interpolation interpolation) {
        checkLength(model.length, depth, t);
        if (interpolation == Interpolation.NEAREST) {
            return labels(model, depth, t);
        }
        return bilinear(depth, t, i -> model[i] & 0xFF);
    }

    /** Probabilities 0..1 as floats (NaN counts as 0, values are clamped), to uint8 0..255. */
    public static ByteMask probabilities(float[] model, int depth, GeometricTransform t, Interpolation interpolation) {
        checkLength(model.length, depth, t);
        if (interpolation == Interpolation.NEAREST) {
            byte[] bytes = new byte[model.length];
            for (int i = 0; i < model.length; i++) {
                bytes[i] = (byte) quantize(clampProbability(model[i]) * 255.0);
            }
            return labels(bytes, depth, t);
        }
        return bilinear(depth, t, i -> clampProbability(model[i]) * 255.0);
    }

    @FunctionalInterface
    private interface Sampler {
        double at(int index);
    }

    @FunctionalInterface
    private interface Axis {
        double toModel(double original);
    }

    private static ByteMask bilinear(int depth, GeometricTransform t, Sampler model) {
        int w = t.srcWidth();
        int h = t.srcHeight();
        int mw = t.dstWidth();
        int mh = t.dstHeight();
        int[] x0 = new int[w];
        int[] x1 = new int[w];
        double[] fx = new double[w];
        int[] y0 = new int[h];
        int[] y1 = new int[h];
        double[] fy = new double[h];
        linear(w, mw, t::toModelX, x0, x1, fx);
        linear(h, mh, t::toModelY, y0, y1, fy);
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), depth)];
        int o = 0;
        for (int z = 0; z < depth; z++) {
            int slice = z * mw * mh;
            for (int y = 0; y < h; y++) {
                int r0 = slice + y0[y] * mw;
                int r1 = slice + y1[y] * mw;
                double b = fy[y];
                for (int x = 0; x < w; x++) {
                    double a = fx[x];
                    double top = model.at(r0 + x0[x]) * (1 - a) + model.at(r0 + x1[x]) * a;
                    double bottom = model.at(r1 + x0[x]) * (1 - a) + model.at(r1 + x1[x]) * a;
                    out[o++] = (byte) quantize(top * (1 - b) + bottom * b);
                }
            }
        }
        return new ByteMask(w, h, depth, out);
    }

    private static int[] nearest(int originalLength, int modelLength, Axis axis) {
        int[] index = new int[originalLength];
        for (int i = 0; i < originalLength; i++) {
            index[i] = clamp((int) Math.floor(axis.toModel(i + 0.5)), modelLength);
        }
        return index;
    }

    /** Model pixel centres sit at k + 0.5, so interpolation runs between k and k + 1 around u = m - 0.5. */
    private static void linear(int originalLength, int modelLength, Axis axis, int[] i0, int[] i1, double[] frac) {
        for (int i = 0; i < originalLength; i++) {
            double u = axis.toModel(i + 0.5) - 0.5;
            int k = (int) Math.floor(u);
            double f = u - k;
            if (k < 0) {
                k = 0;
                f = 0;
            } else if (k >= modelLength - 1) {
                k = modelLength - 1;
                f = 0;
            }
            i0[i] = k;
            i1[i] = Math.min(k + 1, modelLength - 1);
            frac[i] = f;
        }
    }

    private static double clampProbability(float p) {
        return p > 0 ? Math.min(p, 1.0) : 0; // also NaN
    }

    private static int clamp(int index, int length) {
        return index < 0 ? 0 : Math.min(index, length - 1);
    }

    private static int quantize(double v) {
        if (!(v > 0)) {
            return 0; // also NaN
        }
        return v >= 255 ? 255 : (int) (v + 0.5);
    }

    private static byte labelByte(int v) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("label " + v + " does not fit in uint8");
        }
        return (byte) v;
    }

    private static void checkLength(int length, int depth, GeometricTransform t) {
        Objects.requireNonNull(t, "transform");
        if (depth <= 0) {
            throw new IllegalArgumentException("depth must be positive, got " + depth);
        }
        long expected = (long) t.dstWidth() * t.dstHeight() * depth;
        if (length != expected) {
            throw new IllegalArgumentException("model mask has " + length + " values, " + t.dstWidth() + "x"
                    + t.dstHeight() + "x" + depth + " needs " + expected);
        }
    }
}
