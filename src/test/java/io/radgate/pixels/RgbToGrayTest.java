package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.radgate.imaging.Raster;
import org.junit.jupiter.api.Test;

class RgbToGrayTest {
    static byte b(int v) {
        return (byte) v;
    }

    @Test
    void primariesAsPillowConvertsThem() {
        // Pillow: Image.new("RGB", (1, 1), c).convert("L") gives 76, 150, 29, 255, 0
        Raster rgb = Raster.u8(5, 1, 3, new byte[] {b(255), 0, 0, 0, b(255), 0, 0, 0, b(255), b(255), b(255), b(255), 0, 0, 0});
        Raster gray = RgbToGray.apply(rgb);
        assertEquals(1, gray.channels());
        assertArrayEquals(new byte[] {76, b(150), 29, b(255), 0}, gray.u8Samples());
    }

    @Test
    void alphaIsDropped() {
        Raster rgba = Raster.u8(2, 1, 4, new byte[] {b(255), 0, 0, 0, b(10), b(20), b(30), b(255)});
        // 10 * 0.299 + 20 * 0.587 + 30 * 0.114 = 18.13
        assertArrayEquals(new byte[] {76, 18}, RgbToGray.apply(rgba).u8Samples());
        Raster grayAlpha = Raster.u8(1, 1, 2, new byte[] {b(99), b(7)});
        assertArrayEquals(new byte[] {b(99)}, RgbToGray.apply(grayAlpha).u8Samples());
    }

    @Test
    void sixteenBitAndFloat() {
        Raster rgb16 = Raster.u16(1, 1, 3, new short[] {(short) 65535, (short) 65535, (short) 65535});
        assertArrayEquals(new short[] {(short) 65535}, RgbToGray.apply(rgb16).shortSamples());
        Raster rgbF = Raster.f32(1, 1, 3, new float[] {1, 2, 3});
        assertEquals(0.299 + 1.174 + 0.342, RgbToGray.apply(rgbF).f32Samples()[0], 1e-6);
    }

    @Test
    void grayIsReturnedAsIs() {
        Raster gray = Raster.u8(1, 1, 1, new byte[] {5});
        assertSame(gray, RgbToGray.apply(gray));
    }
}
