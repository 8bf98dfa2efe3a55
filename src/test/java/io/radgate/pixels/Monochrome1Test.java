package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radgate.imaging.Raster;
import org.junit.jupiter.api.Test;

class Monochrome1Test {
    @Test
    void displayValuesInvert() {
        Raster out = Monochrome1.invertU8(Raster.u8(4, 1, 1, new byte[] {0, 1, (byte) 128, (byte) 255}));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 254, 127, 0}, out.u8Samples());
    }

    @Test
    void windowThenInvertMakesHighValuesDark() {
        Raster stored = Raster.u16(3, 1, 1, new short[] {0, 2048, 4095});
        Raster shown = Monochrome1.invertU8(ToUint8.window(stored, VoiWindow.range(0, 4095), JavaPixelKernels.INSTANCE));
        assertArrayEquals(new byte[] {(byte) 255, 127, 0}, shown.u8Samples());
    }

    @Test
    void storedValuesMirrorWithinBitsStored() {
        assertArrayEquals(new short[] {4095, 0, 3095},
                Monochrome1.invertStored(Raster.u16(3, 1, 1, new short[] {0, 4095, 1000}), 12).shortSamples());
        assertArrayEquals(new short[] {2047, -2048, -1, 0},
                Monochrome1.invertStored(Raster.s16(4, 1, 1, new short[] {-2048, 2047, 0, -1}), 12).shortSamples());
        assertArrayEquals(new byte[] {(byte) 255, 0, 127},
                Monochrome1.invertStored(Raster.u8(3, 1, 1, new byte[] {0, (byte) 255, (byte) 128}), 8).u8Samples());
    }

    @Test
    void rejectsFloatsAndBadBitDepths() {
        assertThrows(IllegalArgumentException.class, () -> Monochrome1.invertStored(Raster.f32(1, 1, 1, new float[1]), 16));
        assertThrows(IllegalArgumentException.class, () -> Monochrome1.invertStored(Raster.u8(1, 1, 1, new byte[1]), 12));
    }
}
