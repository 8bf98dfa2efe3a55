package io.radgate.pixels;

/**
 * A volume after a geometric step, with the transforms from the source's continuous voxel
 * coordinates: {@code inPlane} for columns and rows, {@code slices} for the slice axis.
 */
public record ResampledVolume(FloatVolume volume, GeometricTransform inPlane, SliceAxisTransform slices) {
    public ResampledVolume {
        if (inPlane.dstWidth() != volume.width() || inPlane.dstHeight() != volume.height()
                || slices.dstDepth() != volume.depth()) {
            throw new IllegalArgumentException("transforms do not match the volume");
        }
    }
}
