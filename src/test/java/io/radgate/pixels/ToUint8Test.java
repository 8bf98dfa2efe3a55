package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radgate.imaging.Raster;
import org.junit.jupiter.api.Test;

class ToUint8Test {
    final PixelKernels k = JavaPixelKernels.INSTANCE;

    static int[] ints(Raster u8) {
        int[] v = new int[u8.sampleCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (int) u8.sample(i);
        }
        return v;
    }

    @Test
    void ctWindowByHand() {
        // W/L 400/40 (DICOM LINEAR): -159 -> 255 / 399 = 0.64; 100 -> (60.5 / 399 + 0.5) * 255 = 166.17;
        // 238 -> 398 / 399 * 255 = 254.36
        Raster hu = Raster.f32(7, 1, 1, new float[] {-1000, -160, -159, 100, 238, 239, 3000});
        Raster u8 = ToUint8.window(hu, VoiWindow.linear(40, 400), k);
        assertEquals(Raster.Type.U8, u8.type());
        assertArrayEquals(new int[] {0, 0, 1, 166, 254, 255, 255}, ints(u8));
    }

    @Test
    void storedValuesAreWindowedAsTheyAre() {
        Raster s16 = Raster.s16(3, 1, 1, new short[] {-5, 0, 255});
        assertArrayEquals(new int[] {0, 0, 255}, ints(ToUint8.window(s16, VoiWindow.range(0, 255), k)));
        assertArrayEquals(new int[] {0, 1, 2}, ints(ToUint8.window(Raster.u8(3, 1, 1, new byte[] {0, 1, 2}),
                VoiWindow.range(0, 255), k)));
    }

    @Test
    void percentileWindowOfARamp() {
        float[] ramp = new float[101];
        for (int i = 0; i <= 100; i++) {
            ramp[i] = i;
        }
        Raster values = Raster.f32(101, 1, 1, ramp);
        int[] full = ints(ToUint8.percentiles(values, 0, 100, k));
        assertEquals(0, full[0]);
        assertEquals(51, full[20]); // 20 / 100 * 255
        assertEquals(102, full[40]);
        assertEquals(153, full[60]);
        assertEquals(255, full[100]);
        int[] clipped = ints(ToUint8.percentiles(values, 10, 90, k));
        assertEquals(0, clipped[5]);
        assertEquals(0, clipped[10]);
        assertEquals(255, clipped[90]);
        assertEquals(255, clipped[97]);
        assertEquals(Math.floor((50 - 10) / 80.0 * 255 + 0.5), clipped[50]);
    }

    @Test
    void percentileWindowOfAConstantImageIsBlack() {
        Raster flat = Raster.f32(4, 1, 1, new float[] {7, 7, 7, 7});
        assertArrayEquals(new int[] {0, 0, 0, 0}, ints(ToUint8.percentiles(flat, 0.5, 99.5, k)));
    }

    @Test
    void channelsAreKept() {
        Raster rgb = Raster.f32(1, 1, 3, new float[] {0, 127.5f, 300});
        Raster u8 = ToUint8.window(rgb, VoiWindow.range(0, 255), k);
        assertEquals(3, u8.channels());
        assertArrayEquals(new int[] {0, 128, 255}, ints(u8));
    }
}
