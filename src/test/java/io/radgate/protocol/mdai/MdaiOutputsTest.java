package io.radgate.protocol.mdai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.radgate.core.Image2d;
import io.radgate.imaging.Raster;
import io.radgate.post.ByteMask;
import io.radgate.post.LabelScore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every output shape passes MD.ai's validator rules on the wire, with geometry on the right pixels. */
class MdaiOutputsTest {
    private static final int W = 12;
    private static final int H = 7;

    private static MdaiImages.MdaiImage image(String instance, Integer frame) {
        return new MdaiImages.MdaiImage("1.2", "1.2.3", instance, frame,
                new Image2d(instance, Raster.u8(W, H, 1, new byte[W * H])));
    }

    /** Probability 200/255 on columns 7..10, rows 2..4; 0 elsewhere. */
    private static ByteMask rectangle() {
        byte[] p = new byte[W * H];
        for (int y = 2; y <= 4; y++) {
            for (int x = 7; x <= 10; x++) {
                p[y * W + x] = (byte) 200;
            }
        }
        return new ByteMask(W, H, 1, p);
    }

    /** What MD.ai's server would see: packed by radgate, read back as Python would. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> wire(List<Map<String, Object>> outputs) {
        Object back = Msgpack.unpack(Msgpack.pack(outputs));
        assertNull(MdaiValidatorRules.violation(back));
        return (List<Map<String, Object>>) back;
    }

    private static List<Map<String, Object>> masks(MdaiConfig.Output output, MdaiConfig.Scope scope,
                                                   LabelClasses labels) {
        List<MdaiImages.MdaiImage> images = List.of(image("1.2.3.4", null), image("1.2.3.5", null));
        return wire(MdaiOutputs.fromMasks(MdaiImages.group(images, scope),
                List.of(ByteMask.zeros(W, H, 1), rectangle()), output, labels));
    }

    @Test
    void maskIsTwoDimensionalZeroOrOneOnTheRectangleOfItsInstance() {
        List<Map<String, Object>> out = masks(MdaiConfig.Output.MASK, MdaiConfig.Scope.INSTANCE, LabelClasses.NONE);
        assertEquals(2, out.size());
        assertEquals(Map.of("type", "NONE", "study_uid", "1.2", "series_uid", "1.2.3", "instance_uid", "1.2.3.4"),
                out.get(0));
        Map<String, Object> a = out.get(1);
        assertEquals(Set.of("type", "study_uid", "series_uid", "instance_uid", "frame_number", "class_index", "data",
                "probability"), a.keySet());
        assertEquals("1.2.3.5", a.get("instance_uid"));
        assertEquals(0L, a.get("class_index"));
        assertEquals(200 / 255.0, (Double) a.get("probability"), 1e-12);
        List<?> mask = (List<?>) ((Map<?, ?>) a.get("data")).get("mask");
        assertEquals(H, mask.size());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                long expected = x >= 7 && x <= 10 && y >= 2 && y <= 4 ? 1 : 0;
                assertEquals(expected, ((List<?>) mask.get(y)).get(x), "x=" + x + " y=" + y);
            }
        }
    }

    @Test
    void verticesBoxAndPoint() {
        Map<?, ?> v = (Map<?, ?>) masks(MdaiConfig.Output.VERTICES, MdaiConfig.Scope.INSTANCE, LabelClasses.NONE)
                .get(1).get("data");
        assertEquals(new HashSet<>(List.of(List.of(7L, 2L), List.of(10L, 2L), List.of(10L, 4L), List.of(7L, 4L))),
                new HashSet<>((List<?>) v.get("vertices")));
        assertEquals(Map.of("x", 7L, "y", 2L, "width", 4L, "height", 3L),
                masks(MdaiConfig.Output.BOX, MdaiConfig.Scope.INSTANCE, LabelClasses.NONE).get(1).get("data"));
        Map<?, ?> p = (Map<?, ?>) masks(MdaiConfig.Output.POINT, MdaiConfig.Scope.INSTANCE, LabelClasses.NONE)
                .get(1).get("data");
        assertEquals(Set.of("x", "y"), p.keySet());
        assertEquals(3L, p.get("y"));
    }

    @Test
    void seriesScopeGivesNoNoneWhenTheSeriesHasAFinding() {
        List<Map<String, Object>> out = masks(MdaiConfig.Output.BOX, MdaiConfig.Scope.SERIES, LabelClasses.NONE);
        assertEquals(1, out.size());
        assertEquals("1.2.3.5", out.get(0).get("instance_uid"));
    }

    @Test
    void multiFrameImagesNameTheirFrame() {
        List<MdaiImages.MdaiImage> images = List.of(image("1.2.3.4", 0), image("1.2.3.4", 1));
        List<Map<String, Object>> out = wire(MdaiOutputs.fromMasks(MdaiImages.group(images, MdaiConfig.Scope.INSTANCE),
                List.of(ByteMask.zeros(W, H, 1), rectangle()), MdaiConfig.Output.BOX, LabelClasses.NONE));
        assertEquals(1, out.size());
        assertEquals(1L, out.get(0).get("frame_number"));
    }

    @Test
    void labelClassesMapTheSegmentersClass() {
        LabelClasses one = LabelClasses.parse(List.of(Map.of("class_index", 5L, "label", Map.of("name", "Lesion"))));
        assertEquals(5L, masks(MdaiConfig.Output.BOX, MdaiConfig.Scope.INSTANCE, one).get(1).get("class_index"));
    }

    @Test
    void classificationAveragesTheScopeAndMapsLabelsByName() {
        List<MdaiImages.MdaiImage> images = List.of(image("1.2.3.4", null), image("1.2.3.5", null));
        List<List<LabelScore>> scores = List.of(
                List.of(new LabelScore(1, "bright", 0.6), new LabelScore(0, "dark", 0.4)),
                List.of(new LabelScore(0, "dark", 0.9), new LabelScore(1, "bright", 0.1)));
        LabelClasses labels = LabelClasses.parse(List.of(
                Map.of("class_index", 7L, "label", Map.of("name", "Dark")),
                Map.of("class_index", 8L, "label", Map.of("short_name", "bright"))));
        List<Map<String, Object>> series = wire(MdaiOutputs.fromScores(
                MdaiImages.group(images, MdaiConfig.Scope.SERIES), scores, labels));
        assertEquals(1, series.size());
        assertEquals(7L, series.get(0).get("class_index"));
        assertEquals(0.65, (Double) series.get(0).get("probability"), 1e-12);
        assertEquals("1.2.3", series.get(0).get("series_uid"));
        assertNull(series.get(0).get("instance_uid"));
        List<Map<String, Object>> each = wire(MdaiOutputs.fromScores(
                MdaiImages.group(images, MdaiConfig.Scope.INSTANCE), scores, LabelClasses.NONE));
        List<Object> classes = new ArrayList<>();
        each.forEach(o -> classes.add(o.get("class_index")));
        assertEquals(List.of(1L, 0L), classes);
    }
}
