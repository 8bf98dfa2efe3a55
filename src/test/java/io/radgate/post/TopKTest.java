package io.radgate.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopKTest {
    private static final LabelNames NAMES = LabelNames.parse("round-thing\r\nbright-spot\r\n\r\nlong-line\r\n");

    @Test
    void tiesGoToTheLowerIndex() {
        double[] scores = {0.2, 0.7, 0.7, 0.1, 0.7};
        assertEquals(List.of(new LabelScore(1, "bright-spot", 0.7), new LabelScore(2, null, 0.7),
                new LabelScore(4, null, 0.7)), TopK.of(scores, 3, Double.NEGATIVE_INFINITY, NAMES));
        assertEquals(List.of(1, 2), TopK.of(scores, 2, 0, NAMES).stream().map(LabelScore::index).toList());
    }

    @Test
    void thresholdIsInclusiveAndMayLeaveFewerThanK() {
        float[] scores = {0.5f, 0.25f, 0.75f};
        assertEquals(List.of(2, 0), TopK.of(scores, 5, 0.5, NAMES).stream().map(LabelScore::index).toList());
        assertEquals(List.of(), TopK.of(scores, 0, 0, NAMES));
        assertEquals(List.of(), TopK.of(new double[4], 3, 0.5, NAMES), "all zeros");
        assertEquals(List.of(), TopK.of(new double[0], 3, 0.5, NAMES));
        assertThrows(IllegalArgumentException.class, () -> TopK.of(scores, -1, 0, NAMES));
    }

    @Test
    void perClassThresholdsAndNan() {
        double[] scores = {0.6, 0.6, Double.NaN, 0.3};
        List<LabelScore> top = TopK.of(scores, 4, new double[] {0.5, 0.7}, 0.2, LabelNames.none());
        assertEquals(List.of(new LabelScore(0, null, 0.6), new LabelScore(3, null, 0.3)), top);
    }

    @Test
    void labelsFileOneNamePerLine(@TempDir Path dir) throws IOException {
        assertEquals(4, NAMES.size());
        assertEquals("round-thing", NAMES.name(0));
        assertNull(NAMES.name(2), "blank line");
        assertEquals("long-line", NAMES.name(3));
        assertNull(NAMES.name(4));
        assertNull(NAMES.name(-1));
        Path file = dir.resolve("labels.txt");
        Files.writeString(file, "a\nb");
        assertEquals("b", LabelNames.read(file).name(1));
        assertEquals(2, LabelNames.read(file).size());
        assertEquals(0, LabelNames.parse("").size());
    }
}
