package io.radgate.protocol.ctclip;

import io.radgate.core.PreparedVolume;
import io.radgate.core.VolumeAssembler;
import io.radgate.core.VolumePreparation;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.DicomReader;
import io.radgate.imaging.ImagingLimits;
import io.radgate.imaging.Instance;
import io.radgate.imaging.SliceOrder;
import io.radgate.imaging.ZipSkipRule;
import io.radgate.imaging.ZipStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CT-CLIP study ZIP (on disk) to one prepared volume, in two streaming passes over the
 * archive so that only one series is ever decoded and only its resampled slices are held:
 * <ol>
 *   <li>every entry CT-CLIP's skip rule keeps is read for its header alone; files that are not
 *       DICOM, lack a required UID or Modality, or whose pixel data is cut short are not valid
 *       slices (skipped); {@link SeriesSelection} picks the series;</li>
 *   <li>the chosen series' entries are decoded and handed to a {@link VolumeAssembler} ordered
 *       from the headers.</li>
 * </ol>
 * Every read is bounded by the imaging and ZIP limits. BLOCKING.
 */
final class StudyArchive {

    /** What was classified, and the volume for the model. */
    record Chosen(String studyUid, String seriesUid, SeriesSelection.KernelKind kernel, int slices,
                  int skippedFiles, PreparedVolume volume) {
    }

    private final ImagingLimits limits;
    private final DicomReader dicom;
    private final int minSlices;
    private final VolumePreparation preparation;

    StudyArchive(ImagingLimits limits, int minSlices, VolumePreparation preparation) {
        this.limits = limits;
        this.dicom = new DicomReader(limits);
        this.minSlices = minSlices;
        this.preparation = preparation;
    }

    Chosen read(Path zip) throws IOException {
        ZipStreamReader reader = new ZipStreamReader(limits, ZipSkipRule.CT_CLIP);
        List<SeriesSelection.ValidFile> valid = new ArrayList<>();
        int[] entry = {0};
        int[] skipped = {0};
        RadgateException[] unsupported = {null};
        try (InputStream in = Files.newInputStream(zip)) {
            reader.read(in, e -> {
                int k = entry[0]++;
                try {
                    Instance header = dicom.readHeaderOfIntactImage(e.readAllBytes());
                    if (SeriesSelection.invalidReason(header) == null) {
                        valid.add(new SeriesSelection.ValidFile(k, header));
                        return;
                    }
                } catch (RadgateException x) {
                    if (x.kind() == ErrorKind.UNSUPPORTED_MEDIA && unsupported[0] == null) {
                        unsupported[0] = x;
                    } else if (x.kind() != ErrorKind.BAD_INPUT && x.kind() != ErrorKind.UNSUPPORTED_MEDIA) {
                        throw x; // over a limit: the whole upload is refused
                    }
                }
                skipped[0]++;
            });
        }
        if (valid.isEmpty() && unsupported[0] == null) {
            throw new RadgateException(ErrorKind.UNPROCESSABLE, CtClipBodies.NO_DICOM);
        }
        SeriesSelection.Candidate chosen;
        try {
            chosen = SeriesSelection.choose(SeriesSelection.group(valid), minSlices);
        } catch (RadgateException x) {
            // "not enough slices" would hide the real reason when files were in a syntax radgate cannot decode
            throw unsupported[0] != null ? unsupported[0] : x;
        }
        return new Chosen(chosen.studyUid(), chosen.seriesUid(), chosen.kernel(), chosen.slices(), skipped[0],
                assemble(zip, reader, chosen));
    }

    private PreparedVolume assemble(Path zip, ZipStreamReader reader, SeriesSelection.Candidate chosen)
            throws IOException {
        Set<Integer> wanted = new HashSet<>();
        List<Instance> headers = new ArrayList<>();
        for (SeriesSelection.ValidFile f : chosen.files()) {
            wanted.add(f.entry());
            headers.add(f.header());
        }
        VolumeAssembler assembler = new VolumeAssembler(SliceOrder.order(headers), preparation);
        int[] entry = {0};
        int[] decodedSlices = {0};
        RadgateException[] firstFailure = {null};
        try (InputStream in = Files.newInputStream(zip)) {
            reader.read(in, e -> {
                if (!wanted.contains(entry[0]++)) {
                    return;
                }
                try {
                    Instance decoded = dicom.read(e.readAllBytes());
                    assembler.add(decoded);
                    decodedSlices[0] += decoded.frames().size();
                } catch (RadgateException x) {
                    if (x.kind() == ErrorKind.TOO_LARGE || x.kind() == ErrorKind.UNAVAILABLE) {
                        throw x;
                    }
                    if (firstFailure[0] == null) {
                        firstFailure[0] = x;
                    }
                }
            });
        }
        // a slice that passed the header checks but does not decode is left out, as long as the
        // series still has enough slices; otherwise the first decoding error names the problem
        if (firstFailure[0] != null && decodedSlices[0] < minSlices) {
            throw firstFailure[0];
        }
        return assembler.finish();
    }
}
