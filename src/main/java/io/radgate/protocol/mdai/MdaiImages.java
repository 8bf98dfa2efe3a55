package io.radgate.protocol.mdai;

import io.radgate.core.DisplayImages;
import io.radgate.core.Image2d;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.DicomReader;
import io.radgate.imaging.ImageFileFormat;
import io.radgate.imaging.ImageFileGray;
import io.radgate.imaging.ImagingLimits;
import io.radgate.imaging.Instance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MD.ai's {@code files} as 2D images with the UIDs of the instance each came from, grouped
 * by the configured scope. DICOM files give one image per frame, with their own UIDs; PNG and
 * JPEG files (MD.ai's thumbnails: {@code image/png}, {@code image/jpeg} and the documented
 * {@code application/jpeg}) take their UIDs from {@code dicom_tags}.
 *
 * <p>BLOCKING (decodes pixels): run on the blocking executor, never on an event loop.
 */
final class MdaiImages {
    /** One 2D image; {@code frameNumber} counts from 0 for the frames of a multi-frame instance, else null. */
    record MdaiImage(String study, String series, String instance, Integer frameNumber, Image2d image) {
    }

    /** The images of one instance, series or study, with the UIDs the scope keeps (others null). */
    record Group(String study, String series, String instance, List<MdaiImage> images) {
    }

    private MdaiImages() {
    }

    static List<MdaiImage> decode(List<MdaiRequest.MdaiFile> files, ImagingLimits limits) {
        DicomReader dicom = new DicomReader(limits);
        List<MdaiImage> out = new ArrayList<>();
        for (MdaiRequest.MdaiFile f : files) {
            String type = mediaType(f.contentType());
            try {
                switch (type) {
                    case "application/dicom" -> addDicom(out, f, dicom.read(f.content()));
                    case "image/png", "image/jpeg", "application/jpeg" -> addImage(out, f, limits);
                    default -> throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, "content_type '"
                            + f.contentType() + "' is not supported; send application/dicom, image/png or image/jpeg");
                }
            } catch (RadgateException e) {
                throw new RadgateException(e.kind(), "files[" + f.index() + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void addDicom(List<MdaiImage> out, MdaiRequest.MdaiFile f, Instance inst) {
        int frames = inst.frames().size();
        if (frames == 0) {
            throw RadgateException.badInput("the DICOM file has no pixel data");
        }
        for (int n = 1; n <= frames; n++) {
            Image2d image = DisplayImages.of(inst, n, f.index() + ":" + n);
            out.add(new MdaiImage(inst.uids().study(), inst.uids().series(), inst.uids().sopInstance(),
                    frames > 1 ? n - 1 : null, image));
        }
    }

    private static void addImage(List<MdaiImage> out, MdaiRequest.MdaiFile f, ImagingLimits limits) {
        Optional<ImageFileFormat> format = ImageFileFormat.sniff(f.content());
        if (format.isEmpty() || format.get() == ImageFileFormat.TIFF || format.get() == ImageFileFormat.BMP) {
            throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, "declared " + f.contentType()
                    + " but the content is not a PNG or JPEG image (it looks like "
                    + ImageFileFormat.describe(f.content()) + ")");
        }
        String study = tag(f, "StudyInstanceUID", true);
        String series = tag(f, "SeriesInstanceUID", false);
        String instance = tag(f, "SOPInstanceUID", false);
        Image2d image = new Image2d(String.valueOf(f.index()), ImageFileGray.decode(f.content(), limits));
        out.add(new MdaiImage(study, series, instance, null, image));
    }

    private static String tag(MdaiRequest.MdaiFile f, String name, boolean required) {
        Object v = f.dicomTags().get(name);
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw RadgateException.badInput("an image file needs dicom_tags." + name + " (a non-empty string), got "
                    + MdaiRequest.kind(v));
        }
        return s.trim();
    }

    /** The media type without parameters, lower-case. */
    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Groups by scope in order of first appearance; each group keeps only the UIDs its scope names. */
    static List<Group> group(List<MdaiImage> images, MdaiConfig.Scope scope) {
        Map<List<String>, List<MdaiImage>> groups = new LinkedHashMap<>();
        for (MdaiImage im : images) {
            List<String> key = switch (scope) {
                case STUDY -> List.of(im.study());
                case SERIES -> List.of(im.study(), String.valueOf(im.series()));
                case INSTANCE -> List.of(im.study(), String.valueOf(im.series()),
                        im.instance() == null ? "#" + im.image().id() : im.instance());
            };
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(im);
        }
        List<Group> out = new ArrayList<>();
        for (List<MdaiImage> g : groups.values()) {
            MdaiImage first = g.get(0);
            out.add(new Group(first.study(), scope == MdaiConfig.Scope.STUDY ? null : first.series(),
                    scope == MdaiConfig.Scope.INSTANCE ? first.instance() : null, List.copyOf(g)));
        }
        return out;
    }
}
