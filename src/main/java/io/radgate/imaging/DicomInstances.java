package io.radgate.imaging;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link Instance} from a PixelMed {@link AttributeList}, copying only the tags radgate
 * needs (never a Patient-module tag). Enhanced multi-frame files are read through their
 * functional groups: shared orientation, spacing, rescale and window; per-frame position and
 * temporal position index.
 */
final class DicomInstances {
    /** (0020,0100), retired in the current standard but still written by MR scanners. */
    private static final AttributeTag TEMPORAL_POSITION_IDENTIFIER = new AttributeTag(0x0020, 0x0100);
    /** (0018,1160). */
    private static final AttributeTag FILTER_TYPE = new AttributeTag(0x0018, 0x1160);

    private DicomInstances() {
    }

    static Instance from(AttributeList list, String tsUid, InstancePixelFormat format, List<Raster> frames) {
        InstanceUids uids = new InstanceUids(DicomValues.singleString(list, TagFromName.StudyInstanceUID),
                DicomValues.singleString(list, TagFromName.SeriesInstanceUID),
                DicomValues.singleString(list, TagFromName.SOPInstanceUID),
                DicomValues.singleString(list, TagFromName.SOPClassUID));
        if (format == null) {
            format = new InstancePixelFormat(0, 0, 0, 0, 0, 0, null, 0, 0);
        }
        AttributeList shared = DicomValues.firstItem(list, TagFromName.SharedFunctionalGroupsSequence);
        List<AttributeList> perFrame = perFrameItems(list);
        AttributeList firstFrame = perFrame.isEmpty() ? null : perFrame.get(0);

        AttributeList rescale = functionalGroup(TagFromName.PixelValueTransformationSequence, shared, firstFrame);
        double slope = DicomValues.firstDouble(list, TagFromName.RescaleSlope,
                DicomValues.firstDouble(rescale, TagFromName.RescaleSlope, 1.0));
        double intercept = DicomValues.firstDouble(list, TagFromName.RescaleIntercept,
                DicomValues.firstDouble(rescale, TagFromName.RescaleIntercept, 0.0));
        AttributeList voi = functionalGroup(TagFromName.FrameVOILUTSequence, shared, firstFrame);
        double center = DicomValues.firstDouble(list, TagFromName.WindowCenter,
                DicomValues.firstDouble(voi, TagFromName.WindowCenter, Double.NaN));
        double width = DicomValues.firstDouble(list, TagFromName.WindowWidth,
                DicomValues.firstDouble(voi, TagFromName.WindowWidth, Double.NaN));

        AttributeList orientationGroup = functionalGroup(TagFromName.PlaneOrientationSequence, shared, firstFrame);
        AttributeList measures = functionalGroup(TagFromName.PixelMeasuresSequence, shared, firstFrame);
        double[] orientation = first(DicomValues.doubles(list, TagFromName.ImageOrientationPatient),
                DicomValues.doubles(orientationGroup, TagFromName.ImageOrientationPatient));
        double[] spacing = first(DicomValues.doubles(list, TagFromName.PixelSpacing),
                DicomValues.doubles(measures, TagFromName.PixelSpacing));
        double thickness = DicomValues.firstDouble(list, TagFromName.SliceThickness,
                DicomValues.firstDouble(measures, TagFromName.SliceThickness, Double.NaN));
        InstancePlane plane = new InstancePlane(DicomValues.doubles(list, TagFromName.ImagePositionPatient), orientation,
                spacing, thickness);

        List<InstancePlane> framePlanes = new ArrayList<>();
        List<Integer> frameTemporal = new ArrayList<>();
        if (!perFrame.isEmpty() && perFrame.size() == format.numberOfFrames()) {
            for (AttributeList item : perFrame) {
                AttributeList pos = DicomValues.firstItem(item, TagFromName.PlanePositionSequence);
                AttributeList ori = DicomValues.firstItem(item, TagFromName.PlaneOrientationSequence);
                double[] frameOrientation = first(DicomValues.doubles(ori, TagFromName.ImageOrientationPatient),
                        orientation);
                framePlanes.add(new InstancePlane(DicomValues.doubles(pos, TagFromName.ImagePositionPatient),
                        frameOrientation, spacing, thickness));
                AttributeList content = DicomValues.firstItem(item, TagFromName.FrameContentSequence);
                frameTemporal.add(DicomValues.integerOrNull(content, TagFromName.TemporalPositionIndex));
            }
        }

        InstanceTime time = new InstanceTime(DicomValues.integerOrNull(list, TagFromName.TemporalPositionIndex),
                DicomValues.integerOrNull(list, TEMPORAL_POSITION_IDENTIFIER),
                DicomValues.integerOrNull(list, TagFromName.AcquisitionNumber),
                DicomValues.singleString(list, TagFromName.AcquisitionTime));

        return new Instance(uids, tsUid, DicomValues.singleString(list, TagFromName.Modality), format, slope, intercept,
                center, width, DicomValues.integerOrNull(list, TagFromName.InstanceNumber),
                DicomValues.string(list, TagFromName.ConvolutionKernel), DicomValues.string(list, FILTER_TYPE),
                plane, time, framePlanes, frameTemporal, frames);
    }

    /** The same instance, reporting another transfer syntax (the client's, after a dcmtk round trip). */
    static Instance withTransferSyntax(Instance i, String tsUid) {
        return new Instance(i.uids(), tsUid, i.modality(), i.format(), i.rescaleSlope(), i.rescaleIntercept(),
                i.windowCenter(), i.windowWidth(), i.instanceNumber(), i.convolutionKernel(), i.filterType(), i.plane(),
                i.time(), i.framePlanes(), i.frameTemporalIndices(), i.frames());
    }

    private static List<AttributeList> perFrameItems(AttributeList list) {
        List<AttributeList> out = new ArrayList<>();
        if (list.get(TagFromName.PerFrameFunctionalGroupsSequence) instanceof SequenceAttribute seq) {
            for (int i = 0; i < seq.getNumberOfItems(); i++) {
                out.add(seq.getItem(i).getAttributeList());
            }
        }
        return out;
    }

    /** A functional group macro's item from the shared groups, else from the first frame's. */
    private static AttributeList functionalGroup(AttributeTag tag, AttributeList shared,
                                                 AttributeList firstFrame) {
        AttributeList fromShared = DicomValues.firstItem(shared, tag);
        return fromShared != null ? fromShared : DicomValues.firstItem(firstFrame, tag);
    }

    private static double[] first(double[] a, double[] b) {
        return a != null ? a : b;
    }
}
