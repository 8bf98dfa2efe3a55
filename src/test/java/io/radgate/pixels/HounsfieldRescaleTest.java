package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radgate.imaging.Raster;
import org.junit.jupiter.api.Test;

class HounsfieldRescaleTest {
    @Test
    void signedStoredValuesToHounsfield() {
        Raster hu = HounsfieldRescale.apply(Raster.s16(2, 2, 1, new short[] {0, 1024, -2000, 3071}), 1, -1024);
        assertEquals(Raster.Type.F32, hu.type());
        assertArrayEquals(new float[] {-1024, 0, -3024, 2047}, hu.f32Samples());
    }

    @Test
    void unsignedStoredValuesWithSlope() {
        Raster hu = HounsfieldRescale.apply(Raster.u16(3, 1, 1, new short[] {0, (short) 40000, 2}), 0.5, -1000);
        assertArrayEquals(new float[] {-1000, 19000, -999}, hu.f32Samples());
    }

    @Test
    void bytesAndFloatsKeepTheirChannels() {
        Raster rgb = HounsfieldRescale.apply(Raster.u8(1, 1, 3, new byte[] {0, (byte) 200, 10}), 2, 1);
        assertEquals(3, rgb.channels());
        assertArrayEquals(new float[] {1, 401, 21}, rgb.f32Samples());
        assertArrayEquals(new float[] {-1.5f}, HounsfieldRescale.apply(Raster.f32(1, 1, 1, new float[] {1}), -1, -0.5)
                .f32Samples());
    }

    @Test
    void rejectsUnusableParameters() {
        Raster r = Raster.s16(1, 1, 1, new short[1]);
        assertThrows(IllegalArgumentException.class, () -> HounsfieldRescale.apply(r, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> HounsfieldRescale.apply(r, Double.NaN, 0));
    }
}
