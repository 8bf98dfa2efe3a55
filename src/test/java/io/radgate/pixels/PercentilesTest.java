package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void linearInterpolationAsNumpy() {
        // np.percentile([4, 1, 3, 2], [0, 25, 50, 100]) == [1, 1.75, 2.5, 4]
        assertArrayEquals(new double[] {1, 1.75, 2.5, 4}, Percentiles.of(new float[] {4, 1, 3, 2}, 0, 25, 50, 100), 1e-12);
    }

    @Test
    void medImageParseClientPercentiles() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = 999 - i;
        }
        // np.percentile(np.arange(1000), [0.5, 99.5]) == [4.995, 994.005]
        assertArrayEquals(new double[] {4.995, 994.005}, Percentiles.of(v, 0.5, 99.5), 1e-9);
    }

    @Test
    void oneValue() {
        assertArrayEquals(new double[] {3, 3}, Percentiles.of(new float[] {3}, 0, 100), 0);
    }

    @Test
    void rejectsNanAndBadPercentiles() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new float[] {1, Float.NaN}, 50));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new float[] {1}, 101));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new float[0], 50));
    }
}
