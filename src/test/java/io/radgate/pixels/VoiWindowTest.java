package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.imaging.Raster;
import org.junit.jupiter.api.Test;

class VoiWindowTest {
    static final double EPS = 1e-9;

    @Test
    void dicomLinearEdgesUseTheHalfAndWidthMinusOneTerms() {
        VoiWindow w = VoiWindow.linear(40, 400);
        // edges: c - 0.5 -/+ (w - 1) / 2 = -160 and 239
        assertEquals(-160, w.lowerEdge(), EPS);
        assertEquals(239, w.upperEdge(), EPS);
        assertEquals(0, w.apply(-160, 0, 255), EPS);
        assertEquals(0, w.apply(-1000, 0, 255), EPS);
        // one above the lower edge: ((-159 - 39.5) / 399 + 0.5) * 255 = 1 / 399 * 255
        assertEquals(255.0 / 399, w.apply(-159, 0, 255), EPS);
        assertEquals(127.5, w.apply(39.5, 0, 255), EPS);
        assertEquals(255, w.apply(239, 0, 255), EPS);
        assertEquals(255, w.apply(239.0001, 0, 255), EPS);
        // one below the upper edge: ((238 - 39.5) / 399 + 0.5) * 255 = 398 / 399 * 255
        assertEquals(398.0 / 399 * 255, w.apply(238, 0, 255), EPS);
    }

    @Test
    void dicomLinearWithOtherOutputRange() {
        VoiWindow w = VoiWindow.linear(0, 101);
        assertEquals(-1, w.apply(-50.5, -1, 1), EPS);
        assertEquals(0, w.apply(-0.5, -1, 1), EPS);
        assertEquals(1, w.apply(49.5, -1, 1), EPS);
    }

    @Test
    void widthOneIsAThresholdAtCentreMinusHalf() {
        VoiWindow w = VoiWindow.linear(10, 1);
        assertTrue(w.isThreshold());
        assertEquals(0, w.apply(9.5, 0, 255), EPS);
        assertEquals(255, w.apply(9.5000001, 0, 255), EPS);
        Raster out = ToUint8.window(Raster.f32(3, 1, 1, new float[] {9.5f, 9.50001f, -3}), w, JavaPixelKernels.INSTANCE);
        assertEquals(0, out.sample(0));
        assertEquals(255, out.sample(1));
        assertEquals(0, out.sample(2));
        assertThrows(IllegalStateException.class, w::u8Scale);
    }

    @Test
    void linearExactIsTheSimpleMinMaxWindow() {
        VoiWindow w = VoiWindow.linearExact(40, 400);
        assertEquals(-160, w.lowerEdge(), EPS);
        assertEquals(240, w.upperEdge(), EPS);
        assertEquals(0, w.apply(-160, 0, 255), EPS);
        assertEquals(255.0 / 400, w.apply(-159, 0, 255), EPS);
        assertEquals(127.5, w.apply(40, 0, 255), EPS);
        assertEquals(255, w.apply(240, 0, 255), EPS);
        assertEquals(w, VoiWindow.range(-160, 240));
        assertFalse(w.isThreshold());
        assertTrue(VoiWindow.range(7, 7).isThreshold());
    }

    @Test
    void uint8LineIsTheFormulaRounded() {
        for (VoiWindow w : new VoiWindow[] {VoiWindow.linear(40, 400), VoiWindow.linear(-600, 1500),
            VoiWindow.linear(0.5, 2), VoiWindow.range(-150, 250), VoiWindow.range(-1000, 1000), VoiWindow.linearExact(3, 7)}) {
            float[] x = new float[4001];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i - 2000) * 0.75f;
            }
            byte[] u8 = ToUint8.window(Raster.f32(x.length, 1, 1, x), w, JavaPixelKernels.INSTANCE).u8Samples();
            for (int i = 0; i < x.length; i++) {
                double exact = w.apply(x[i], 0, 255);
                int got = u8[i] & 0xFF;
                assertTrue(Math.abs(got - exact) <= 0.5 + 1e-4, w + " at " + x[i] + ": " + got + " vs " + exact);
                if (Math.abs(exact - Math.floor(exact) - 0.5) > 1e-4) {
                    assertEquals(Math.floor(exact + 0.5), got, w + " at " + x[i]);
                }
            }
        }
    }

    @Test
    void rejectsWidthsDicomForbids() {
        assertThrows(IllegalArgumentException.class, () -> VoiWindow.linear(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> VoiWindow.linearExact(0, -1));
        assertThrows(IllegalArgumentException.class, () -> VoiWindow.range(2, 1));
        assertThrows(IllegalArgumentException.class, () -> VoiWindow.linear(Double.NaN, 10));
    }
}
