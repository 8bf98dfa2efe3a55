package io.radgate.imaging;

/**
 * The tags that tell timepoints of a series apart: TemporalPositionIndex (0020,9128),
 * TemporalPositionIdentifier (0020,0100), AcquisitionNumber (0020,0012) and AcquisitionTime
 * (0008,0032). Each is null when the file did not carry it.
 */
public record InstanceTime(Integer temporalPositionIndex, Integer temporalPositionIdentifier,
                           Integer acquisitionNumber, String acquisitionTime) {

    public static InstanceTime none() {
        return new InstanceTime(null, null, null, null);
    }

    /** AcquisitionTime (HHMMSS.FFFFFF, shorter forms allowed) in seconds after midnight; NaN when absent or malformed. */
    public double acquisitionSeconds() {
        return DicomValues.timeSeconds(acquisitionTime);
    }
}
