package io.radgate.pixels;

import java.util.Arrays;

/**
 * Trilinear resampling of a {@link FloatVolume}, separable: each source slice is resized in plane
 * by {@link PixelKernels#resizeBilinear} (half-pixel centres, edges clamped), then the two source
 * slices around each output slice are blended linearly BY THEIR POSITIONS, so unevenly spaced
 * slices are handled. Along the slice axis the same half-pixel rule holds on the source's mean
 * spacing {@code dz}: output slice {@code j} sits at
 * {@code first + ((j + 0.5) / scaleZ - 0.5) · dz}, {@code scaleZ = newDepth / depth}; positions
 * outside the first and last slice take the nearest slice.
 *
 * <p>Sizes from a target spacing: {@code round(n · spacing / target)} (at least 1); the recorded
 * scales are then exactly {@code newN / n}, and the output spacing is {@code n · spacing / newN}.
 * A single slice keeps depth 1.
 */
public final class VolumeResampler {
    private VolumeResampler() {
    }

    /** To (about) the target spacing, mm. */
    public static ResampledVolume toSpacing(FloatVolume v, double spacingX, double spacingY, double spacingZ) {
        return toSpacing(v, spacingX, spacingY, spacingZ, PixelKernelSelection.selected());
    }

    public static ResampledVolume toSpacing(FloatVolume v, double spacingX, double spacingY, double spacingZ,
                                            PixelKernels kernels) {
        if (!(spacingX > 0) || !(spacingY > 0) || !(spacingZ > 0)) {
            throw new IllegalArgumentException("target spacing must be positive");
        }
        int w = lengthFor(v.width(), v.spacingX(), spacingX);
        int h = lengthFor(v.height(), v.spacingY(), spacingY);
        int d = v.depth() < 2 ? 1 : lengthFor(v.depth(), v.meanSliceSpacing(), spacingZ);
        return toShape(v, w, h, d, kernels);
    }

    /** To exactly {@code width × height × depth} voxels. */
    public static ResampledVolume toShape(FloatVolume v, int width, int height, int depth) {
        return toShape(v, width, height, depth, PixelKernelSelection.selected());
    }

    public static ResampledVolume toShape(FloatVolume v, int width, int height, int depth, PixelKernels kernels) {
        if (width <= 0 || height <= 0 || depth <= 0) {
            throw new IllegalArgumentException("target shape " + width + "x" + height + "x" + depth + " is empty");
        }
        if (v.depth() == 1 && depth != 1) {
            throw new IllegalArgumentException("one slice cannot be resampled along the slice axis");
        }
        double scaleZ = (double) depth / v.depth();
        double dz = v.depth() < 2 ? 0 : v.meanSliceSpacing();
        double first = v.slicePositions()[0];
        double[] positions = new double[depth];
        for (int j = 0; j < depth; j++) {
            positions[j] = first + ((j + 0.5) / scaleZ - 0.5) * dz;
        }
        int plane = width * height;
        float[] out = new float[plane * depth];
        ResizedSlices resized = new ResizedSlices(v, width, height, kernels);
        for (int j = 0; j < depth; j++) {
            double[] pos = v.slicePositions();
            int k = Arrays.binarySearch(pos, positions[j]);
            int lo;
            int hi;
            double weight;
            if (k >= 0) {
                lo = hi = k;
                weight = 0;
            } else {
                int insertion = -k - 1;
                if (insertion == 0 || insertion == pos.length) {
                    lo = hi = insertion == 0 ? 0 : pos.length - 1;
                    weight = 0;
                } else {
                    lo = insertion - 1;
                    hi = insertion;
                    weight = (positions[j] - pos[lo]) / (pos[hi] - pos[lo]);
                }
            }
            float[] a = resized.get(lo);
            if (weight == 0) {
                System.arraycopy(a, 0, out, j * plane, plane);
            } else {
                float[] b = resized.get(hi);
                for (int i = 0, o = j * plane; i < plane; i++, o++) {
                    out[o] = (float) (a[i] + ((double) b[i] - a[i]) * weight);
                }
            }
        }
        double outSpacingZ = depth < 2 ? 1 : (positions[depth - 1] - positions[0]) / (depth - 1);
        FloatVolume result = depth < 2
                ? new FloatVolume(width, height, 1, out, v.width() * v.spacingX() / width,
                        v.height() * v.spacingY() / height, new double[] {positions[0]})
                : FloatVolume.uniform(width, height, depth, out, v.width() * v.spacingX() / width,
                        v.height() * v.spacingY() / height, positions[0], outSpacingZ);
        return new ResampledVolume(result,
                GeometricTransform.resize(v.width(), v.height(), width, height),
                new SliceAxisTransform(v.depth(), depth, scaleZ, 0));
    }

    /**
     * Centred crop or pad to {@code width × height × depth}, as CT-CLIP does after resampling:
     * {@code (target - n) / 2} (truncated towards zero) voxels before, {@code fill} where padded.
     * Slice positions continue the volume's mean spacing (1 mm for a single slice).
     */
    public static ResampledVolume cropOrPad(ResampledVolume r, int width, int height, int depth, float fill) {
        FloatVolume v = r.volume();
        if (width <= 0 || height <= 0 || depth <= 0) {
            throw new IllegalArgumentException("target shape " + width + "x" + height + "x" + depth + " is empty");
        }
        int ox = (width - v.width()) / 2;
        int oy = (height - v.height()) / 2;
        int oz = (depth - v.depth()) / 2;
        float[] out = new float[width * height * depth];
        Arrays.fill(out, fill);
        int x0 = Math.max(0, ox);
        int x1 = Math.min(width, ox + v.width());
        for (int z = Math.max(0, oz); z < Math.min(depth, oz + v.depth()); z++) {
            for (int y = Math.max(0, oy); y < Math.min(height, oy + v.height()); y++) {
                System.arraycopy(v.voxels(), ((z - oz) * v.height() + (y - oy)) * v.width() + (x0 - ox),
                        out, (z * height + y) * width + x0, x1 - x0);
            }
        }
        double dz = v.depth() < 2 ? 1 : v.meanSliceSpacing();
        FloatVolume result = FloatVolume.uniform(width, height, depth, out, v.spacingX(), v.spacingY(),
                v.slicePositions()[0] - oz * dz, dz);
        return new ResampledVolume(result,
                r.inPlane().then(GeometricTransform.place(v.width(), v.height(), width, height, ox, oy)),
                r.slices().then(new SliceAxisTransform(v.depth(), depth, 1, oz)));
    }

    /** {@code round(n · spacing / target)}, at least 1; IllegalArgumentException when absurdly many. */
    public static int lengthFor(int n, double spacing, double target) {
        long length = Math.round(n * spacing / target);
        if (length > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("resampling " + n + " voxels of " + spacing + " mm to "
                    + target + " mm gives too many");
        }
        return (int) Math.max(1, length);
    }

    /** Source slices resized in plane, computed once each; slices are asked for in increasing order, so the two highest are kept. */
    private static final class ResizedSlices {
        private final FloatVolume v;
        private final int width;
        private final int height;
        private final PixelKernels kernels;
        private final int[] index = {-1, -1};
        private final float[][] planes = new float[2][];

        ResizedSlices(FloatVolume v, int width, int height, PixelKernels kernels) {
            this.v = v;
            this.width = width;
            this.height = height;
            this.kernels = kernels;
        }

        float[] get(int k) {
            for (int i = 0; i < 2; i++) {
                if (index[i] == k) {
                    return planes[i];
                }
            }
            float[] slice = v.slice(k);
            float[] resized = v.width() == width && v.height() == height ? slice
                    : kernels.resizeBilinear(slice, v.width(), v.height(), width, height);
            int slot = index[0] < index[1] ? 0 : 1;
            index[slot] = k;
            planes[slot] = resized;
            return resized;
        }
    }
}
