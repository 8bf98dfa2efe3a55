package io.radgate.imaging;

import java.util.List;
import java.util.Objects;

/**
 * One decoded DICOM instance: the tags radgate needs and its frames. Frames hold STORED values
 * exactly (no rescale, no windowing, no MONOCHROME1 inversion: those are preprocessing's job),
 * interleaved whatever the file's PlanarConfiguration, numbered from 1 ({@link #frame(int)}).
 *
 * <p>By construction this type holds no Patient-module tag, no AccessionNumber,
 * ReferringPhysicianName or InstitutionName, so nothing derived from it (toString included) can
 * leak them into a log line (DECISIONS.md: Logs).
 *
 * @param rescaleSlope        RescaleSlope, 1 when absent
 * @param rescaleIntercept    RescaleIntercept, 0 when absent
 * @param windowCenter        first WindowCenter value, NaN when absent
 * @param windowWidth         first WindowWidth value, NaN when absent
 * @param instanceNumber      InstanceNumber, null when absent
 * @param convolutionKernel   ConvolutionKernel values joined with '\', null when absent
 * @param filterType          FilterType, null when absent
 * @param plane               the instance's Image Plane (for enhanced multi-frame files: the shared one)
 * @param framePlanes         per-frame planes of an enhanced multi-frame file, else empty
 * @param frameTemporalIndices per-frame TemporalPositionIndex values of an enhanced multi-frame file, else empty
 * @param frames              the decoded frames (empty for a header-only read)
 */
public record Instance(InstanceUids uids, String transferSyntaxUid, String modality, InstancePixelFormat format,
                       double rescaleSlope, double rescaleIntercept, double windowCenter, double windowWidth,
                       Integer instanceNumber, String convolutionKernel, String filterType, InstancePlane plane,
                       InstanceTime time, List<InstancePlane> framePlanes, List<Integer> frameTemporalIndices,
                       List<Raster> frames) {

    public Instance {
        Objects.requireNonNull(uids, "uids");
        Objects.requireNonNull(format, "format");
        plane = plane == null ? InstancePlane.unknown() : plane;
        time = time == null ? InstanceTime.none() : time;
        framePlanes = List.copyOf(framePlanes == null ? List.of() : framePlanes);
        frameTemporalIndices = frameTemporalIndices == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(frameTemporalIndices));
        frames = List.copyOf(frames == null ? List.of() : frames);
    }

    /** NumberOfFrames (1 when the tag is absent). */
    public int numberOfFrames() {
        return format.numberOfFrames();
    }

    /** Frame {@code number}, counted from 1. */
    public Raster frame(int number) {
        if (number < 1 || number > frames.size()) {
            throw new IndexOutOfBoundsException("frame " + number + " of " + frames.size() + " (frames count from 1)");
        }
        return frames.get(number - 1);
    }

    /** The plane of frame {@code number} (from 1): per-frame for enhanced multi-frame files, else the instance's. */
    public InstancePlane plane(int number) {
        return framePlanes.isEmpty() ? plane : framePlanes.get(number - 1);
    }

    /** The TemporalPositionIndex of frame {@code number} (from 1), or the instance's; null when none. */
    public Integer temporalPositionIndex(int number) {
        if (!frameTemporalIndices.isEmpty() && frameTemporalIndices.get(number - 1) != null) {
            return frameTemporalIndices.get(number - 1);
        }
        return time.temporalPositionIndex();
    }

    /** Safe to log: UIDs, modality, syntax and geometry only. */
    @Override
    public String toString() {
        return "Instance[sop=" + uids.sopInstance() + ", series=" + uids.series() + ", study=" + uids.study()
                + ", modality=" + modality + ", syntax=" + transferSyntaxUid + ", " + format.columns() + "x"
                + format.rows() + "x" + format.samplesPerPixel() + " " + format.photometricInterpretation() + " "
                + format.bitsStored() + "/" + format.bitsAllocated() + (format.signed() ? " signed" : "")
                + ", frames=" + format.numberOfFrames() + ", instanceNumber=" + instanceNumber + "]";
    }
}
