package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Series made by make_dicom_phantoms.py, written in random file order: they come out grouped
 * by study and series and in spatial order, whatever order they are read in.
 */
class SliceOrderTest {
    private final DicomReader reader = new DicomReader(ImagingLimits.defaults());

    private JsonNode series(String name) {
        for (JsonNode s : DicomGoldenData.manifest().get("series")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private List<Instance> read(JsonNode s) {
        List<Instance> out = new ArrayList<>();
        for (JsonNode f : s.get("files")) { // the random order the files were written in
            out.add(reader.read(DicomGoldenData.bytes(s.get("name").asText() + "/" + f.asText())));
        }
        return out;
    }

    private static List<String> sops(List<SeriesSlice> slices) {
        return slices.stream().map(sl -> sl.instance().uids().sopInstance()).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void obliqueSlicesInRandomFileOrderComeOutInSpatialOrderNotInstanceNumberOrder() {
        JsonNode s = series("series_oblique");
        List<Instance> instances = read(s);
        List<String> expected = strings(s.get("expected_order").get(0));
        Random random = new Random(11);
        for (int shuffle = 0; shuffle < 5; shuffle++) {
            Collections.shuffle(instances, random);
            Series series = SliceOrder.order(instances);
            assertEquals(SliceOrder.Rule.POSITION, series.rule());
            assertEquals(expected, sops(series.slices()));
        }
        Series series = SliceOrder.order(instances);
        assertEquals(1, series.timepoints().size());
        assertEquals(s.get("spacing").asDouble(), series.sliceSpacing(), 1e-4);
        assertTrue(series.timepoints().get(0).uniformSpacing());
        double[] n = series.normal();
        JsonNode expectedNormal = s.get("normal");
        for (int i = 0; i < 3; i++) {
            assertEquals(expectedNormal.get(i).asDouble(), n[i], 1e-5);
        }
        // InstanceNumbers were deliberately shuffled: ordering by them would differ.
        List<String> byNumber = instances.stream().sorted(java.util.Comparator.comparing(Instance::instanceNumber))
                .map(i -> i.uids().sopInstance()).toList();
        assertNotEquals(expected, byNumber);
        // The pixels agree: slice k's background is 100 * (k + 1).
        List<SeriesSlice> slices = series.slices();
        for (int k = 0; k < slices.size(); k++) {
            assertEquals(100 * (k + 1), slices.get(k).raster().sample(slices.get(k).raster().width() - 1, 0, 0));
        }
    }

    @Test
    void withoutPositionsInstanceNumberDecides() {
        JsonNode s = series("series_noposition");
        List<Instance> instances = read(s);
        Collections.shuffle(instances, new Random(5));
        Series series = SliceOrder.order(instances);
        assertEquals(SliceOrder.Rule.INSTANCE_NUMBER, series.rule());
        assertEquals(strings(s.get("expected_order").get(0)), sops(series.slices()));
        assertTrue(Double.isNaN(series.sliceSpacing()));
        assertNull(series.normal());
    }

    @Test
    void timepointsAreKeptEachInSpatialOrder() {
        JsonNode s = series("series_4d");
        List<Instance> instances = read(s);
        Collections.shuffle(instances, new Random(9));
        Series series = SliceOrder.order(instances);
        assertEquals(2, series.timepoints().size());
        for (int t = 0; t < 2; t++) {
            SeriesTimepoint tp = series.timepoints().get(t);
            assertEquals(t + 1, tp.number());
            assertEquals(t + 1, tp.temporalKey());
            assertEquals(strings(s.get("expected_order").get(t)), sops(tp.slices()));
            assertEquals(s.get("spacing").asDouble(), tp.sliceSpacing(), 1e-4);
        }
    }

    @Test
    void timepointsWithoutTemporalIndexAreToldApartByAcquisitionTime() {
        JsonNode s = series("series_4d");
        List<Instance> instances = new ArrayList<>();
        for (Instance i : read(s)) { // drop TemporalPositionIndex, keep AcquisitionTime
            instances.add(new Instance(i.uids(), i.transferSyntaxUid(), i.modality(), i.format(), i.rescaleSlope(),
                    i.rescaleIntercept(), i.windowCenter(), i.windowWidth(), i.instanceNumber(),
                    i.convolutionKernel(), i.filterType(), i.plane(),
                    new InstanceTime(null, null, null, i.time().acquisitionTime()), List.of(), List.of(), i.frames()));
        }
        Series series = SliceOrder.order(instances);
        assertEquals(2, series.timepoints().size());
        assertEquals(strings(s.get("expected_order").get(0)), sops(series.timepoints().get(0).slices()));
        assertEquals(strings(s.get("expected_order").get(1)), sops(series.timepoints().get(1).slices()));
    }

    @Test
    void framesOfAnEnhancedMultiFrameFileAreOrderedByTheirOwnPositions() {
        JsonNode s = series("series_enhanced");
        Instance in = read(s).get(0);
        assertEquals(6, in.numberOfFrames());
        Series series = SliceOrder.order(List.of(in));
        assertEquals(SliceOrder.Rule.POSITION, series.rule());
        List<Integer> frames = series.slices().stream().map(SeriesSlice::frameNumber).toList();
        List<Integer> expected = new ArrayList<>();
        s.get("expected_frame_order").forEach(n -> expected.add(n.asInt()));
        assertEquals(expected, frames);
        assertEquals(s.get("spacing").asDouble(), series.sliceSpacing(), 1e-4);
        for (int k = 0; k < 6; k++) {
            Raster r = series.slices().get(k).raster();
            assertEquals(100 * (k + 1), r.sample(r.width() - 1, 0, 0));
        }
    }

    @Test
    void aLegacyMultiFrameFileKeepsItsFrameOrderFromOne() {
        Instance mf = reader.read(DicomGoldenData.bytes("multiframe_u16_5f__explicit_le.dcm"));
        Series series = SliceOrder.order(List.of(mf));
        assertEquals(List.of(1, 2, 3, 4, 5), series.slices().stream().map(SeriesSlice::frameNumber).toList());
        assertEquals(SliceOrder.Rule.INSTANCE_NUMBER, series.rule());
    }

    @Test
    void instancesAreGroupedByStudyThenSeriesWhateverTheirOrder() {
        List<Instance> all = new ArrayList<>();
        for (String name : List.of("series_oblique", "series_noposition", "series_4d", "series_enhanced")) {
            all.addAll(read(series(name)));
        }
        Collections.shuffle(all, new Random(1));
        List<Study> studies = SliceOrder.group(all);
        assertEquals(2, studies.size());
        String studyA = series("series_oblique").get("study").asText();
        String studyB = series("series_noposition").get("study").asText();
        Study a = studies.stream().filter(st -> st.studyUid().equals(studyA)).findFirst().orElseThrow();
        Study b = studies.stream().filter(st -> st.studyUid().equals(studyB)).findFirst().orElseThrow();
        assertEquals(3, a.series().size());
        assertEquals(1, b.series().size());
        assertEquals(series("series_noposition").get("series").asText(), b.series().get(0).seriesUid());
        for (Series se : a.series()) {
            JsonNode expected = null;
            for (JsonNode cand : DicomGoldenData.manifest().get("series")) {
                if (cand.get("series").asText().equals(se.seriesUid())) {
                    expected = cand;
                }
            }
            assertTrue(expected != null, "unexpected series " + se);
            if (expected.has("expected_order")) {
                assertEquals(strings(expected.get("expected_order").get(0)), sops(se.slices()));
            }
        }
        Collections.shuffle(all, new Random(2));
        assertEquals(studies.stream().map(Study::studyUid).toList(),
                SliceOrder.group(all).stream().map(Study::studyUid).toList());
    }

    @Test
    void degenerateOrientationFallsBackToInstanceNumberAndTiesAreDeterministic() {
        Instance base = reader.readHeader(DicomGoldenData.bytes("mono2_s16_rescale__explicit_le.dcm"));
        List<Instance> instances = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            InstancePlane degenerate = new InstancePlane(new double[] {0, 0, k}, new double[] {1, 0, 0, 1, 0, 0},
                    null, Double.NaN);
            instances.add(new Instance(new InstanceUids("1.2", "1.2.3", "1.2.3." + (10 - k), ""), "", "CT",
                    base.format(), 1, 0, Double.NaN, Double.NaN, k % 2 == 0 ? 5 : 2, null, null, degenerate, null,
                    null, null, List.of()));
        }
        Series series = SliceOrder.order(instances);
        assertEquals(SliceOrder.Rule.INSTANCE_NUMBER, series.rule());
        // InstanceNumber 2 (SOPs ...9 and ...7), then 5 (...10 and ...8); ties by SOP UID numerically
        assertEquals(List.of("1.2.3.7", "1.2.3.9", "1.2.3.8", "1.2.3.10"), sops(series.slices()));
        Collections.reverse(instances);
        assertEquals(List.of("1.2.3.7", "1.2.3.9", "1.2.3.8", "1.2.3.10"), sops(SliceOrder.order(instances).slices()));
    }
}
