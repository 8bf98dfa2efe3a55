package io.radgate.imaging;

import java.util.Arrays;
import java.util.List;

/**
 * One series, ordered for preprocessing: its timepoints in temporal order, each holding its
 * slices in spatial order ({@link SliceOrder} says how).
 *
 * @param rule   how the slices were ordered
 * @param normal the slice normal (row × column direction cosines) the positions were measured
 *               along; null when ordered by InstanceNumber
 */
public record Series(String studyUid, String seriesUid, String modality, SliceOrder.Rule rule, double[] normal,
                     List<SeriesTimepoint> timepoints) {
    public Series {
        timepoints = List.copyOf(timepoints);
        normal = normal == null ? null : normal.clone();
    }

    @Override
    public double[] normal() {
        return normal == null ? null : normal.clone();
    }

    /** The slices of the first timepoint (the only one for a 3D series). */
    public List<SeriesSlice> slices() {
        return timepoints.isEmpty() ? List.of() : timepoints.get(0).slices();
    }

    /** The first timepoint's slice spacing (mm; NaN when unknown). */
    public double sliceSpacing() {
        return timepoints.isEmpty() ? Double.NaN : timepoints.get(0).sliceSpacing();
    }

    @Override
    public String toString() {
        return "Series[" + seriesUid + ", study=" + studyUid + ", " + modality + ", " + rule + ", normal="
                + Arrays.toString(normal) + ", timepoints=" + timepoints.size() + ", slices/timepoint="
                + (timepoints.isEmpty() ? 0 : timepoints.get(0).slices().size()) + "]";
    }
}
