package io.radgate.imaging;

import java.util.List;

/**
 * The slices of one timepoint of a series, in spatial order.
 *
 * @param number       1 for the first timepoint, counting up in temporal order
 * @param temporalKey  the value the timepoint was grouped by (TemporalPositionIndex,
 *                     TemporalPositionIdentifier, or AcquisitionTime in seconds; 0 for a series
 *                     with one timepoint)
 * @param sliceSpacing median distance between neighbouring slices along the normal, in mm; NaN
 *                     with fewer than two slices or when the series is ordered by InstanceNumber
 * @param uniformSpacing whether every gap is within 1% (at least 0.01 mm) of that median
 */
public record SeriesTimepoint(int number, double temporalKey, List<SeriesSlice> slices, double sliceSpacing,
                              boolean uniformSpacing) {
    public SeriesTimepoint {
        slices = List.copyOf(slices);
    }
}
