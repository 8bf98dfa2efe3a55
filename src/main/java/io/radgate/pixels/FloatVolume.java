package io.radgate.pixels;

import java.util.Arrays;

/**
 * A stack of float slices: {@code voxels} in column-row-slice order ({@code x} fastest, then
 * {@code y}, then {@code z}), {@code width × height × depth} values. {@code spacingX} and
 * {@code spacingY} are the in-plane pixel spacings (mm, columns and rows); {@code slicePositions}
 * are the slices' positions along the slice normal (mm), strictly increasing, one per slice
 * (DICOM: ImagePositionPatient · (row × column direction)).
 */
public record FloatVolume(int width, int height, int depth, float[] voxels,
                          double spacingX, double spacingY, double[] slicePositions) {

    public FloatVolume {
        if (width <= 0 || height <= 0 || depth <= 0) {
            throw new IllegalArgumentException("volume " + width + "x" + height + "x" + depth + " is empty");
        }
        if ((long) width * height * depth != voxels.length) {
            throw new IllegalArgumentException("volume " + width + "x" + height + "x" + depth + " needs "
                    + (long) width * height * depth + " voxels, got " + voxels.length);
        }
        if (!(spacingX > 0) || !(spacingY > 0) || Double.isInfinite(spacingX) || Double.isInfinite(spacingY)) {
            throw new IllegalArgumentException("pixel spacing " + spacingX + " x " + spacingY + " is not usable");
        }
        if (slicePositions.length != depth) {
            throw new IllegalArgumentException(depth + " slices but " + slicePositions.length + " positions");
        }
        for (int k = 0; k < depth; k++) {
            if (!Double.isFinite(slicePositions[k]) || (k > 0 && !(slicePositions[k] > slicePositions[k - 1]))) {
                throw new IllegalArgumentException("slice positions must increase strictly: "
                        + Arrays.toString(slicePositions));
            }
        }
    }

    /** Evenly spaced slices: positions {@code first + k · spacingZ}. */
    public static FloatVolume uniform(int width, int height, int depth, float[] voxels,
                                      double spacingX, double spacingY, double first, double spacingZ) {
        double[] positions = new double[depth];
        for (int k = 0; k < depth; k++) {
            positions[k] = first + k * spacingZ;
        }
        return new FloatVolume(width, height, depth, voxels, spacingX, spacingY, positions);
    }

    /** The mean distance between slices: {@code (last - first) / (depth - 1)}; NaN for one slice. */
    public double meanSliceSpacing() {
        return depth < 2 ? Double.NaN : (slicePositions[depth - 1] - slicePositions[0]) / (depth - 1);
    }

    /** Slice {@code z} (a copy), row-major. */
    public float[] slice(int z) {
        int n = width * height;
        return Arrays.copyOfRange(voxels, z * n, (z + 1) * n);
    }

    /** The voxel at column {@code x}, row {@code y}, slice {@code z}. */
    public float at(int x, int y, int z) {
        return voxels[(z * height + y) * width + x];
    }
}
