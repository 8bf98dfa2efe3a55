package io.radgate.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoreFunctionsTest {

    @Test
    void softmaxSumsToOneKeepsOrderAndSurvivesLargeLogits() {
        double[] p = ScoreFunctions.softmax(new float[] {1000f, 1001f, 999f});
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        assertEquals(Math.exp(-1) / (1 + Math.exp(-1) + Math.exp(-2)), p[0], 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, ScoreFunctions.softmax(new double[] {-7, -7}), 1e-12);
        assertArrayEquals(new double[0], ScoreFunctions.softmax(new double[0]));
    }

    @Test
    void sigmoidTailsDoNotOverflow() {
        assertEquals(0.5, ScoreFunctions.sigmoid(0), 0);
        assertEquals(1.0, ScoreFunctions.sigmoid(1000), 0);
        assertEquals(0.0, ScoreFunctions.sigmoid(-1000), 0);
        assertEquals(1 / (1 + Math.exp(-2)), ScoreFunctions.sigmoid(new float[] {2f})[0], 1e-12);
        assertEquals(1 - ScoreFunctions.sigmoid(3), ScoreFunctions.sigmoid(-3), 1e-15);
    }
}
