package io.radgate.pixels;

/**
 * For one axis of a bilinear resize with half-pixel centres, the two source indices and the
 * weight of the second for every destination index, computed exactly as ND4J's (and
 * TensorFlow's) {@code resize_bilinear} computes them; see {@link PixelKernels}.
 */
final class BilinearTaps {
    final int[] lower;
    final int[] upper;
    final double[] weight;

    BilinearTaps(int in, int out) {
        KernelChecks.requireSize(in, out);
        float scale = (float) in / (float) out;
        lower = new int[out];
        upper = new int[out];
        weight = new double[out];
        for (int i = 0; i < out; i++) {
            float src = ((float) i + 0.5f) * scale - 0.5f;
            double floor = Math.floor(src);
            lower[i] = (int) Math.max(floor, 0);
            upper[i] = (int) Math.min(Math.ceil(src), in - 1);
            weight[i] = src - floor;
        }
    }
}
