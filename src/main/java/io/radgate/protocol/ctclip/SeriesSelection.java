package io.radgate.protocol.ctclip;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.Instance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CT-CLIP's choice of the one series a study is classified on (PROTOCOLS.md §4.2), over the
 * headers of the archive's valid files in archive order:
 * <ol>
 *   <li>group by SeriesInstanceUID; a series' slice count is its files' NumberOfFrames summed
 *       (1 for a single-frame file); series with fewer than the minimum are not candidates;</li>
 *   <li>the kernel is the first file's ConvolutionKernel, else its FilterType, upper-cased:
 *       LUNG, B70, B80, FC51 or FC81 make a lung series, STANDARD, B30, B31 or FC30 a standard one;</li>
 *   <li>the lung series with the most slices wins, else the standard one with the most, else any
 *       with the most; on a tie the series met first in the archive.</li>
 * </ol>
 */
final class SeriesSelection {
    private static final List<String> LUNG = List.of("LUNG", "B70", "B80", "FC51", "FC81");
    private static final List<String> STANDARD = List.of("STANDARD", "B30", "B31", "FC30");

    enum KernelKind { LUNG, STANDARD, OTHER }

    /** A file that passed validation: its position among the archive's visited entries, and its header. */
    record ValidFile(int entry, Instance header) {
    }

    /** One series of the archive. */
    record Candidate(String seriesUid, KernelKind kernel, int slices, List<ValidFile> files) {
        /** The StudyInstanceUID of the series' first file (CT-CLIP reports this one). */
        String studyUid() {
            return files.get(0).header().uids().study();
        }
    }

    private SeriesSelection() {
    }

    /** Why a header is not a valid CT-CLIP file, or null: the four required UIDs and Modality. */
    static String invalidReason(Instance header) {
        if (header.uids().study().isEmpty()) {
            return "no StudyInstanceUID";
        }
        if (header.uids().series().isEmpty()) {
            return "no SeriesInstanceUID";
        }
        if (header.uids().sopInstance().isEmpty()) {
            return "no SOPInstanceUID";
        }
        if (header.modality() == null || header.modality().isBlank()) {
            return "no Modality";
        }
        return null;
    }

    /** Every series, in the order first met. */
    static List<Candidate> group(List<ValidFile> files) {
        Map<String, List<ValidFile>> bySeries = new LinkedHashMap<>();
        for (ValidFile f : files) {
            bySeries.computeIfAbsent(f.header().uids().series(), k -> new ArrayList<>()).add(f);
        }
        List<Candidate> out = new ArrayList<>();
        bySeries.forEach((uid, list) -> {
            int slices = 0;
            for (ValidFile f : list) {
                slices += Math.max(1, f.header().numberOfFrames());
            }
            out.add(new Candidate(uid, kernel(list.get(0).header()), slices, List.copyOf(list)));
        });
        return out;
    }

    /** The chosen series; UNPROCESSABLE (CT-CLIP's 422) when no series has {@code minSlices}. */
    static Candidate choose(List<Candidate> series, int minSlices) {
        Candidate lung = null;
        Candidate standard = null;
        Candidate any = null;
        for (Candidate c : series) {
            if (c.slices() < minSlices) {
                continue;
            }
            if (c.kernel() == KernelKind.LUNG && (lung == null || c.slices() > lung.slices())) {
                lung = c;
            }
            if (c.kernel() == KernelKind.STANDARD && (standard == null || c.slices() > standard.slices())) {
                standard = c;
            }
            if (any == null || c.slices() > any.slices()) {
                any = c;
            }
        }
        Candidate chosen = lung != null ? lung : standard != null ? standard : any;
        if (chosen == null) {
            throw new RadgateException(ErrorKind.UNPROCESSABLE, CtClipBodies.notEnoughSlices(minSlices));
        }
        return chosen;
    }

    static KernelKind kernel(Instance header) {
        String k = header.convolutionKernel();
        if (k == null || k.isEmpty()) {
            k = header.filterType();
        }
        String kernel = k == null ? "" : k.toUpperCase(Locale.ROOT);
        if (LUNG.stream().anyMatch(kernel::contains)) {
            return KernelKind.LUNG;
        }
        if (STANDARD.stream().anyMatch(kernel::contains)) {
            return KernelKind.STANDARD;
        }
        return KernelKind.OTHER;
    }
}
