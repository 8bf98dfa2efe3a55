package io.radgate.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MaskThresholdsTest {
    private static final byte[] LEVELS = {0, 1, 127, (byte) 128, (byte) 129, (byte) 255};

    @Test
    void probabilityAtLeastThresholdIsOn() {
        assertArrayEquals(new byte[] {0, 0, 0, 1, 1, 1}, MaskThresholds.atLeast(LEVELS, 0.5, 1));
        assertArrayEquals(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255},
                MaskThresholds.atLeast(LEVELS, 128 / 255.0, 255), "128/255 must not round up to level 129");
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 1}, MaskThresholds.atLeast(LEVELS, 1.0, 1));
        assertArrayEquals(new byte[] {0, 1, 1, 1, 1, 1}, MaskThresholds.atLeast(LEVELS, 1e-9, 1));
    }

    @Test
    void rawLevelsForClientsThatCompareBytes() {
        // MedImageParse clients keep mask > 128
        assertArrayEquals(new byte[] {0, 0, 0, 0, (byte) 255, (byte) 255}, MaskThresholds.atLeastLevel(LEVELS, 129, 255));
        ByteMask m = new ByteMask(3, 2, 1, LEVELS);
        assertArrayEquals(new byte[] {0, 1, 1, 1, 1, 1}, MaskThresholds.nonZero(m, 1).data());
        assertEquals(m.width(), MaskThresholds.atLeast(m, 0.5, 1).width());
    }

    @Test
    void badThresholdsAndValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MaskThresholds.atLeast(LEVELS, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskThresholds.atLeast(LEVELS, 1.01, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskThresholds.atLeast(LEVELS, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskThresholds.atLeastLevel(LEVELS, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskThresholds.atLeastLevel(LEVELS, 1, 256));
        assertThrows(IllegalArgumentException.class, () -> MaskThresholds.atLeastLevel(LEVELS, 1, 0));
    }

    @Test
    void argmaxOverChannelsPrefersTheLowerChannelOnTiesAndIgnoresNan() {
        float[] scores = {
            0.1f, 0.5f, 0.2f, Float.NaN,   // channel 0
            0.7f, 0.5f, 0.1f, 0.3f,        // channel 1
            0.2f, 0.5f, 0.2f, Float.NaN,   // channel 2
        };
        assertArrayEquals(new byte[] {1, 0, 0, 1}, MaskThresholds.argmax(scores, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> MaskThresholds.argmax(scores, 5, 4));
    }

    @Test
    void allZerosStayOff() {
        assertArrayEquals(new byte[8], MaskThresholds.atLeast(new byte[8], 0.5, 255));
        assertArrayEquals(new byte[4], MaskThresholds.argmax(new float[8], 2, 4));
    }
}
