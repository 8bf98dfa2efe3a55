package io.radgate.imaging;

/**
 * The UIDs that identify a DICOM instance and place it in its series and study. UIDs may be
 * logged (DECISIONS.md); an empty string stands for a UID the file did not carry.
 */
public record InstanceUids(String study, String series, String sopInstance, String sopClass) {
    public InstanceUids {
        study = study == null ? "" : study;
        series = series == null ? "" : series;
        sopInstance = sopInstance == null ? "" : sopInstance;
        sopClass = sopClass == null ? "" : sopClass;
    }
}
