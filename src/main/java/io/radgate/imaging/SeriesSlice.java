package io.radgate.imaging;

/**
 * One 2D slice of an ordered series: frame {@code frameNumber} (from 1) of {@code instance},
 * its plane, and its position along the series' slice normal in mm (NaN when the series is
 * ordered by InstanceNumber because positions or orientation are missing or degenerate).
 */
public record SeriesSlice(Instance instance, int frameNumber, InstancePlane plane, double position) {

    /** The decoded frame (the instance must have been read with pixels). */
    public Raster raster() {
        return instance.frame(frameNumber);
    }

    @Override
    public String toString() {
        return "SeriesSlice[sop=" + instance.uids().sopInstance() + ", frame=" + frameNumber + ", position=" + position
                + "]";
    }
}
