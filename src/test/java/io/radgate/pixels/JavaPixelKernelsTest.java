package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JavaPixelKernelsTest {
    final PixelKernels k = JavaPixelKernels.INSTANCE;

    static byte[] u8(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void upsamplingUsesHalfPixelCentresAndClampsEdges() {
        // scale 0.5: dst 0..3 sample src -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        assertArrayEquals(new float[] {0, 25, 75, 100}, k.resizeBilinear(new float[] {0, 100}, 2, 1, 4, 1));
    }

    @Test
    void downsamplingAveragesPairs() {
        // scale 2: dst 0, 1 sample src 0.5 and 2.5
        assertArrayEquals(new float[] {5, 25}, k.resizeBilinear(new float[] {0, 10, 20, 30}, 4, 1, 2, 1));
    }

    @Test
    void bilinearInTwoDimensions() {
        float[] out = k.resizeBilinear(new float[] {0, 100, 200, 300}, 2, 2, 4, 4);
        assertArrayEquals(new float[] {
            0, 25, 75, 100,
            50, 75, 125, 150,
            150, 175, 225, 250,
            200, 225, 275, 300}, out);
    }

    @Test
    void sameSizeIsACopy() {
        float[] in = {1.5f, -2, 3, 4e6f, 5, 6};
        assertArrayEquals(in, k.resizeBilinear(in, 3, 2, 3, 2));
    }

    @Test
    void uint8ResizeRoundsHalfUpAndPlacesOnTheCanvas() {
        // [0, 10] -> 0, 2.5, 7.5, 10 -> 0, 3, 8, 10, on a 6x3 canvas at (1, 1)
        byte[] out = k.resizeBilinearU8(u8(0, 10), 2, 1, 4, 1, new PixelKernels.Canvas(6, 3, 1, 1));
        assertArrayEquals(u8(0, 0, 0, 0, 0, 0, 0, 0, 3, 8, 10, 0, 0, 0, 0, 0, 0, 0), out);
        assertArrayEquals(u8(255, 255, 255), k.resizeBilinearU8(u8(255, 255), 2, 1, 3, 1,
                PixelKernels.Canvas.exactly(3, 1)));
    }

    @Test
    void canvasMustHoldTheImage() {
        assertThrows(IllegalArgumentException.class,
                () -> k.resizeBilinearU8(u8(1, 2), 2, 1, 4, 1, new PixelKernels.Canvas(4, 1, 1, 0)));
        assertThrows(IllegalArgumentException.class, () -> k.resizeBilinear(new float[3], 2, 2, 4, 4));
    }

    @Test
    void linearToU8RoundsHalfUpClampsAndZeroesNan() {
        float[] x = {-1, 0.49999997f, 0.5f, 1.5f, 2.5f, 254.5f, 255.49f, 300, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        assertArrayEquals(u8(0, 0, 1, 2, 3, 255, 255, 255, 0, 255, 0), k.linearToU8(x, 1, 0));
        assertArrayEquals(u8(5, 7, 9), k.linearToU8(new float[] {1, 2, 3}, 2, 3));
    }

    @Test
    void rescaleReadsSignedOrUnsigned() {
        short[] stored = {-1024, 0, 1000, -1};
        assertArrayEquals(new float[] {-2048, -1024, -24, -1025}, k.rescale(stored, false, 1, -1024));
        assertArrayEquals(new float[] {64512 - 1024, -1024, -24, 65535 - 1024}, k.rescale(stored, true, 1, -1024));
        assertArrayEquals(new float[] {10.25f}, k.rescale(new short[] {4}, false, 2.5f, 0.25f));
    }
}
