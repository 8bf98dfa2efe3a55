package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GeometricTransformFactoriesTest {
    static final double EXACT = 1e-9;

    @Test
    void resizeScalesAreTheSizeRatios() {
        assertEquals(new GeometricTransform(4, 2, 8, 3, 2.0, 1.5, 0, 0), GeometricTransform.resize(4, 2, 8, 3));
    }

    @Test
    void placeIsAnOffset() {
        GeometricTransform t = GeometricTransform.place(4, 2, 10, 6, 3, -1);
        assertEquals(3, t.toModelX(0));
        assertEquals(-1, t.toModelY(0));
        assertEquals(1, t.scaleX());
    }

    @Test
    void letterboxOfLandscapeKeepsWidthAndCentresVertically() {
        GeometricTransform t = GeometricTransform.letterbox(512, 400, 1024);
        assertEquals(new GeometricTransform(512, 400, 1024, 1024, 2, 2, 0, 112), t);
    }

    @Test
    void letterboxRoundsTheShortSideAndRecordsExactRatios() {
        // 200 * 1024 / 300 = 682.67 -> 683 rows; pad (1024 - 683) / 2 = 170 (floor) above
        GeometricTransform t = GeometricTransform.letterbox(300, 200, 1024);
        assertEquals(1024.0 / 300, t.scaleX(), 0);
        assertEquals(683.0 / 200, t.scaleY(), 0);
        assertEquals(0, t.offsetX(), 0);
        assertEquals(170, t.offsetY(), 0);
        // the original's corners land on the corners of the resized image, its centre on its centre
        assertEquals(0, t.toModelX(0), EXACT);
        assertEquals(170, t.toModelY(0), EXACT);
        assertEquals(1024, t.toModelX(300), EXACT);
        assertEquals(170 + 683, t.toModelY(200), EXACT);
        assertEquals(512, t.toModelX(150), EXACT);
        assertEquals(170 + 341.5, t.toModelY(100), EXACT);
        assertEquals(100, t.toOriginalY(t.toModelY(100)), EXACT);
    }

    @Test
    void letterboxOfPortraitCentresHorizontally() {
        GeometricTransform t = GeometricTransform.letterbox(200, 300, 1024);
        assertEquals(170, t.offsetX(), 0);
        assertEquals(0, t.offsetY(), 0);
        assertEquals(683.0 / 200, t.scaleX(), 0);
    }

    @Test
    void letterboxKeepsAtLeastOnePixel() {
        GeometricTransform t = GeometricTransform.letterbox(1, 5000, 1024);
        assertEquals(1, t.scaleX(), 0); // round(0.2) = 0 -> 1 column
        assertEquals(511, t.offsetX(), 0);
        assertEquals(1024.0 / 5000, t.scaleY(), 0);
    }

    @Test
    void padThenResizePadsDiffHalfFirstThenScalesTheSquare() {
        GeometricTransform t = GeometricTransform.padThenResize(300, 199, 1024);
        // side 300, diff 101: 50 rows above, 51 below, then 300 -> 1024
        double s = 1024.0 / 300;
        assertEquals(s, t.scaleX(), EXACT);
        assertEquals(s, t.scaleY(), EXACT);
        assertEquals(0, t.offsetX(), EXACT);
        assertEquals(50 * s, t.offsetY(), EXACT);
        assertEquals(1024 - 51 * s, t.toModelY(199), EXACT);
    }

    @Test
    void composedLetterboxEqualsItsParts() {
        GeometricTransform crop = GeometricTransform.place(600, 400, 300, 200, -100, -50);
        GeometricTransform both = crop.then(GeometricTransform.letterbox(300, 200, 1024));
        assertEquals(0, both.toModelX(100), EXACT);
        assertEquals(170, both.toModelY(50), EXACT);
        assertEquals(1024, both.toModelX(400), EXACT);
    }

    @Test
    void rejectsImpossibleFits() {
        assertThrows(IllegalArgumentException.class, () -> GeometricTransform.fittedLength(5, 4, 10));
        assertThrows(IllegalArgumentException.class, () -> GeometricTransform.letterbox(10, 10, 0));
    }
}
