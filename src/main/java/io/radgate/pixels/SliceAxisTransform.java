package io.radgate.pixels;

/**
 * The slice-axis part of a volume's geometric transform, with the same convention as
 * {@link GeometricTransform}: continuous slice coordinates, slice {@code k} covering
 * {@code [k, k+1)}, {@code z_model = z_orig · scale + offset}. The source's continuous coordinate
 * is measured on its mean slice spacing ({@code position = first + (z - 0.5) · meanSpacing}); the
 * resampled volume's {@link FloatVolume#slicePositions()} give each output slice's physical place.
 */
public record SliceAxisTransform(int srcDepth, int dstDepth, double scale, double offset) {

    public SliceAxisTransform {
        if (srcDepth <= 0 || dstDepth <= 0 || !(scale > 0)) {
            throw new IllegalArgumentException("bad slice transform " + srcDepth + "->" + dstDepth + " x" + scale);
        }
    }

    public static SliceAxisTransform identity(int depth) {
        return new SliceAxisTransform(depth, depth, 1, 0);
    }

    public double toModel(double z) {
        return z * scale + offset;
    }

    /** This transform followed by {@code next}. */
    public SliceAxisTransform then(SliceAxisTransform next) {
        if (next.srcDepth != dstDepth) {
            throw new IllegalArgumentException("cannot chain " + this + " with " + next);
        }
        return new SliceAxisTransform(srcDepth, next.dstDepth, scale * next.scale, offset * next.scale + next.offset);
    }
}
