package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radgate.imaging.Raster;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrsPackingTest {
    @Test
    void columnsFastestThenRowsThenSlices() {
        // 3 columns x 2 rows x 2 slices; voxel (x, y, z) holds 1 + x + 3y + 6z
        Raster z0 = Raster.u8(3, 2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        Raster z1 = Raster.u8(3, 2, 1, new byte[] {7, 8, 9, 10, 11, 12});
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, CrsPacking.pack(List.of(z0, z1)));
        assertArrayEquals(new byte[] {7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6}, CrsPacking.pack(List.of(z1, z0)));
    }

    @Test
    void floatVolumeThroughAWindow() {
        float[] v = new float[12];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 20;
        }
        FloatVolume volume = FloatVolume.uniform(3, 2, 2, v, 1, 1, 0, 1);
        byte[] packed = CrsPacking.pack(volume, VoiWindow.range(0, 255), JavaPixelKernels.INSTANCE);
        assertArrayEquals(new byte[] {0, 20, 40, 60, 80, 100, 120, (byte) 140, (byte) 160, (byte) 180, (byte) 200,
            (byte) 220}, packed);
    }

    @Test
    void slicesMustMatch() {
        Raster a = Raster.u8(3, 2, 1, new byte[6]);
        assertThrows(IllegalArgumentException.class, () -> CrsPacking.pack(List.of(a, Raster.u8(2, 3, 1, new byte[6]))));
        assertThrows(IllegalArgumentException.class, () -> CrsPacking.pack(List.of(Raster.u8(1, 1, 3, new byte[3]))));
        assertThrows(IllegalArgumentException.class, () -> CrsPacking.pack(List.of()));
    }
}
