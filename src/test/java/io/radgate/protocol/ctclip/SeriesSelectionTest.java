package io.radgate.protocol.ctclip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.Instance;
import io.radgate.imaging.InstancePixelFormat;
import io.radgate.imaging.InstanceUids;
import io.radgate.protocol.ctclip.SeriesSelection.Candidate;
import io.radgate.protocol.ctclip.SeriesSelection.KernelKind;
import io.radgate.protocol.ctclip.SeriesSelection.ValidFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PROTOCOLS.md §4.2 series selection over hand-made headers: no DICOM files, no Triton. */
class SeriesSelectionTest {
    private static final String STUDY = "1.2.826.0.1.100";

    private static Instance header(String study, String series, String sop, String modality, String kernel,
                                   String filterType, int frames) {
        InstancePixelFormat format = new InstancePixelFormat(4, 4, 1, 16, 16, 1, "MONOCHROME2", 0, frames);
        return new Instance(new InstanceUids(study, series, sop, "1.2.840.10008.5.1.4.1.1.2"), "1.2.840.10008.1.2.1",
                modality, format, 1, -1024, Double.NaN, Double.NaN, null, kernel, filterType, null, null, null, null,
                List.of());
    }

    private static Instance ct(String series, String sop, String kernel) {
        return header(STUDY, series, sop, "CT", kernel, null, 1);
    }

    /** {@code count} single-frame files of one series, SOPs {@code series.1 ..}, entries from {@code firstEntry}. */
    private static List<ValidFile> files(String series, String kernel, int count, int firstEntry) {
        List<ValidFile> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new ValidFile(firstEntry + i, ct(series, series + "." + (i + 1), kernel)));
        }
        return out;
    }

    /** A candidate as group() makes it, for choose() tests. */
    private static Candidate candidate(String series, String kernel, int slices) {
        return SeriesSelection.group(files(series, kernel, slices, 0)).get(0);
    }

    /** The UID of the series choose() picks (UIDs are distinct here; a UID keeps failure messages short). */
    private static String chosen(List<Candidate> series, int minSlices) {
        return SeriesSelection.choose(series, minSlices).seriesUid();
    }

    @Test
    void aHeaderWithAllFourUidsAndAModalityIsValidWhateverTheModality() {
        assertNull(SeriesSelection.invalidReason(ct("1.2.3", "1.2.3.1", "B70f")));
        // a non-CT modality is only a warning in the original, not a reason to drop the file
        assertNull(SeriesSelection.invalidReason(header(STUDY, "1.2.3", "1.2.3.1", "MR", null, null, 1)));
    }

    private static String reason(String study, String series, String sop, String modality) {
        return SeriesSelection.invalidReason(header(study, series, sop, modality, null, null, 1));
    }

    @Test
    void invalidReasonNamesTheFirstMissingUidOrModality() {
        assertEquals("no StudyInstanceUID", reason("", "1.2.3", "1.2.3.1", "CT"));
        assertEquals("no StudyInstanceUID", reason(null, "1.2.3", "1.2.3.1", "CT"));
        assertEquals("no SeriesInstanceUID", reason(STUDY, "", "1.2.3.1", "CT"));
        assertEquals("no SOPInstanceUID", reason(STUDY, "1.2.3", null, "CT"));
        assertEquals("no Modality", reason(STUDY, "1.2.3", "1.2.3.1", null));
        assertEquals("no Modality", reason(STUDY, "1.2.3", "1.2.3.1", ""));
        assertEquals("no Modality", reason(STUDY, "1.2.3", "1.2.3.1", "  "));
        // several missing: the study UID is reported first
        assertEquals("no StudyInstanceUID", reason("", "", "", null));
    }

    @Test
    void seriesComeOutInTheOrderFirstMetAndKeepTheirFilesInArchiveOrder() {
        List<ValidFile> archive = List.of(
                new ValidFile(0, ct("9.9", "9.9.1", "B30f")),
                new ValidFile(1, ct("1.1", "1.1.1", "B70f")),
                new ValidFile(3, ct("9.9", "9.9.2", "B30f")),
                new ValidFile(4, ct("5.5", "5.5.1", "BONE")),
                new ValidFile(7, ct("1.1", "1.1.2", "B70f")));
        List<Candidate> series = SeriesSelection.group(archive);
        // not sorted by UID: 9.9 was met first
        assertEquals(List.of("9.9", "1.1", "5.5"), series.stream().map(Candidate::seriesUid).toList());
        assertEquals(List.of(0, 3), series.get(0).files().stream().map(ValidFile::entry).toList());
        assertEquals(List.of(1, 7), series.get(1).files().stream().map(ValidFile::entry).toList());
        assertEquals(List.of(2, 2, 1), series.stream().map(Candidate::slices).toList());
        assertEquals(List.of(KernelKind.STANDARD, KernelKind.LUNG, KernelKind.OTHER),
                series.stream().map(Candidate::kernel).toList());
    }

    @Test
    void aMultiFrameFileCountsItsFramesAndAMissingFrameCountCountsOne() {
        List<ValidFile> archive = List.of(
                new ValidFile(0, header(STUDY, "2.2", "2.2.1", "CT", "B30f", null, 30)),
                new ValidFile(1, header(STUDY, "2.2", "2.2.2", "CT", "B30f", null, 1)),
                new ValidFile(2, header(STUDY, "2.2", "2.2.3", "CT", "B30f", null, 0)));
        assertEquals(32, SeriesSelection.group(archive).get(0).slices());
    }

    @Test
    void theStudyUidIsTheOneOfTheSeriesFirstFile() {
        List<ValidFile> archive = List.of(
                new ValidFile(0, header("1.2.first", "3.3", "3.3.1", "CT", null, null, 1)),
                new ValidFile(1, header("1.2.second", "3.3", "3.3.2", "CT", null, null, 1)));
        assertEquals("1.2.first", SeriesSelection.group(archive).get(0).studyUid());
    }

    @Test
    void theKernelIsReadFromTheSeriesFirstFileOnly() {
        List<ValidFile> archive = List.of(
                new ValidFile(0, ct("4.4", "4.4.1", "BONE")),
                new ValidFile(1, ct("4.4", "4.4.2", "B70f")));
        assertEquals(KernelKind.OTHER, SeriesSelection.group(archive).get(0).kernel());
    }

    @ParameterizedTest(name = "kernel ''{0}'', FilterType ''{1}'' -> {2}")
    @CsvSource(nullValues = "NULL", value = {
        "LUNG, NULL, LUNG",
        "lung, NULL, LUNG",
        "B70f, NULL, LUNG",
        "b80s, NULL, LUNG",
        "FC51, NULL, LUNG",
        "fc81, NULL, LUNG",
        "'B70f\\Y', NULL, LUNG",
        "'Y\\Br70', NULL, OTHER",
        "STANDARD, NULL, STANDARD",
        "b30f, NULL, STANDARD",
        "B31s, NULL, STANDARD",
        "FC30, NULL, STANDARD",
        "I30f, NULL, OTHER",
        "BONE, NULL, OTHER",
        "B45f, NULL, OTHER",
        "NULL, NULL, OTHER",
        "'', '', OTHER",
        "NULL, LUNG, LUNG",
        "'', b31f, STANDARD",
        "B30f, LUNG, STANDARD",
        "BONE, LUNG, OTHER",
        "'LUNG STANDARD', NULL, LUNG",
    })
    void kernelClassIsASubstringMatchOfTheUpperCasedKernelFallingBackToFilterType(String kernel, String filterType,
                                                                                   KernelKind expected) {
        assertEquals(expected, SeriesSelection.kernel(header(STUDY, "1.2", "1.2.1", "CT", kernel, filterType, 1)));
    }

    @Test
    void aLungSeriesBeatsStandardAndOtherSeriesEvenWithFewerSlices() {
        Candidate other = candidate("1.1", "BONE", 300);
        Candidate standard = candidate("2.2", "B30f", 120);
        Candidate lung = candidate("3.3", "B70f", 25);
        assertEquals(lung.seriesUid(), chosen(List.of(other, standard, lung), 20));
    }

    @Test
    void aStandardSeriesBeatsOtherSeriesWhenNoLungSeriesQualifies() {
        Candidate other = candidate("1.1", "BONE", 300);
        Candidate standard = candidate("2.2", "STANDARD", 21);
        Candidate smallLung = candidate("3.3", "LUNG", 19);
        assertEquals(standard.seriesUid(), chosen(List.of(other, smallLung, standard), 20));
    }

    @Test
    void withoutLungOrStandardSeriesTheLargestSeriesWins() {
        Candidate a = candidate("1.1", "BONE", 40);
        Candidate b = candidate("2.2", null, 90);
        Candidate c = candidate("3.3", "I26f", 60);
        assertEquals(b.seriesUid(), chosen(List.of(a, b, c), 20));
    }

    @Test
    void withinAClassTheSeriesWithMostSlicesWins() {
        Candidate lungSmall = candidate("1.1", "B70f", 30);
        Candidate lungLarge = candidate("2.2", "FC51", 80);
        Candidate lungMiddle = candidate("3.3", "LUNG", 50);
        assertEquals(lungLarge.seriesUid(), chosen(List.of(lungSmall, lungLarge, lungMiddle), 20));
        Candidate std1 = candidate("4.4", "B30f", 30);
        Candidate std2 = candidate("5.5", "B31f", 31);
        assertEquals(std2.seriesUid(), chosen(List.of(std1, std2), 20));
    }

    @Test
    void onATieTheSeriesMetFirstWins() {
        Candidate lung1 = candidate("1.1", "B70f", 64);
        Candidate lung2 = candidate("2.2", "B80f", 64);
        assertEquals(lung1.seriesUid(), chosen(List.of(lung1, lung2), 20));
        assertEquals(lung2.seriesUid(), chosen(List.of(lung2, lung1), 20));
        Candidate other1 = candidate("3.3", "BONE", 33);
        Candidate other2 = candidate("4.4", "SOFT", 33);
        assertEquals(other1.seriesUid(), chosen(List.of(other1, other2), 20));
    }

    @Test
    void seriesBelowTheMinimumAreNotCandidatesAndExactlyTheMinimumIs() {
        Candidate lung19 = candidate("1.1", "B70f", 19);
        Candidate other20 = candidate("2.2", "BONE", 20);
        assertEquals(other20.seriesUid(), chosen(List.of(lung19, other20), 20));
        // with a smaller minimum the lung series qualifies and wins again
        assertEquals(lung19.seriesUid(), chosen(List.of(lung19, other20), 10));
    }

    @Test
    void aSingleMultiFrameFileCanMakeASeriesQualify() {
        List<Candidate> series = SeriesSelection.group(List.of(
                new ValidFile(0, header(STUDY, "7.7", "7.7.1", "CT", "B70f", null, 24)),
                new ValidFile(1, ct("8.8", "8.8.1", "B30f"))));
        assertEquals("7.7", SeriesSelection.choose(series, 20).seriesUid());
    }

    @Test
    void noQualifyingSeriesIsUnprocessableWithTheRussianText() {
        List<Candidate> series = SeriesSelection.group(files("1.1", "B70f", 19, 0));
        RadgateException e = assertThrows(RadgateException.class, () -> SeriesSelection.choose(series, 20));
        assertEquals(ErrorKind.UNPROCESSABLE, e.kind());
        assertEquals(422, e.httpStatus());
        assertEquals(CtClipBodies.notEnoughSlices(20), e.getMessage());
        assertEquals("Недостаточно срезов для обработки (требуется минимум 20 валидных срезов).", e.getMessage());

        RadgateException none = assertThrows(RadgateException.class, () -> SeriesSelection.choose(List.of(), 5));
        assertEquals(ErrorKind.UNPROCESSABLE, none.kind());
        assertTrue(none.getMessage().contains("минимум 5 "), none.getMessage());
    }

    @Test
    void groupThenChooseOnAMixedArchivePicksTheLungSeries() {
        List<ValidFile> archive = new ArrayList<>();
        archive.addAll(files("1.1", "STANDARD", 120, 0));
        archive.addAll(files("2.2", "B70f\\Y", 40, 120));
        archive.addAll(files("3.3", "BONE", 200, 160));
        archive.addAll(files("4.4", "LUNG", 10, 360)); // too few
        Candidate chosen = SeriesSelection.choose(SeriesSelection.group(archive), 20);
        assertEquals("2.2", chosen.seriesUid());
        assertEquals(40, chosen.slices());
        assertEquals(120, chosen.files().get(0).entry());
        assertEquals(STUDY, chosen.studyUid());
    }
}
