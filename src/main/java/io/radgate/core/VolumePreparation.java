package io.radgate.core;

import java.util.Arrays;

/**
 * How a CT volume becomes a study classifier's input: resampled (trilinear) to {@code spacing}
 * mm, centre-cropped or padded with {@code windowLow} to {@code shape} voxels, then the HU
 * window {@code [windowLow, windowHigh]} mapped linearly onto 0..255. Both arrays are x, y, z
 * (column, row, slice).
 */
public record VolumePreparation(double[] spacing, int[] shape, double windowLow, double windowHigh) {

    public VolumePreparation {
        if (spacing.length != 3 || Arrays.stream(spacing).anyMatch(s -> !(s > 0) || Double.isInfinite(s))) {
            throw new IllegalArgumentException("volume spacing must be 3 positive numbers: " + Arrays.toString(spacing));
        }
        if (shape.length != 3 || Arrays.stream(shape).anyMatch(n -> n < 1 || n > 4096)) {
            throw new IllegalArgumentException("volume shape must be 3 sizes in 1..4096: " + Arrays.toString(shape));
        }
        if (!(windowHigh > windowLow)) {
            throw new IllegalArgumentException("HU window [" + windowLow + ", " + windowHigh + "] is empty");
        }
        spacing = spacing.clone();
        shape = shape.clone();
    }

    /** CT-CLIP's HU window, [-1000, 1000], with the given grid. */
    public static VolumePreparation ct(double[] spacing, int[] shape) {
        return new VolumePreparation(spacing, shape, -1000, 1000);
    }

    @Override
    public double[] spacing() {
        return spacing.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
