package io.radgate.core;

import static io.radgate.core.VolumeAssemblerTest.TWO_MM;
import static io.radgate.core.VolumeAssemblerTest.longWay;
import static io.radgate.core.VolumeAssemblerTest.u8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.radgate.imaging.NiftiHeader;
import io.radgate.imaging.NiftiVolume;
import io.radgate.pixels.FloatVolume;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link VolumeAssembler#fromNifti}: units converted to mm, then the same grid and window as DICOM series. */
class VolumeAssemblerNiftiTest {

    /** A NIfTI-1 header by hand: float32 voxels, no scaling, no xform; {@code units} is xyzt_units. */
    private static NiftiHeader niftiHeader(int nx, int ny, int nz, float[] pixdim, int units) {
        ByteBuffer b = ByteBuffer.allocate(NiftiHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, NiftiHeader.SIZE);
        short[] dim = {3, (short) nx, (short) ny, (short) nz, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        b.putShort(70, (short) 16); // FLOAT32
        b.putShort(72, (short) 32);
        b.putFloat(76, 1);
        for (int i = 0; i < 3; i++) {
            b.putFloat(80 + 4 * i, pixdim[i]);
        }
        b.putFloat(108, NiftiHeader.MIN_DATA_OFFSET);
        b.put(123, (byte) units);
        b.put(344, "n+1\0".getBytes(StandardCharsets.ISO_8859_1));
        return NiftiHeader.parse(b.array());
    }

    private static NiftiVolume nifti(float[] pixdim, int units) {
        float[] voxels = new float[6 * 4 * 3];
        Arrays.fill(voxels, -200);
        voxels[1 + 6 * (2 + 4 * 1)] = 1000; // (x 1, y 2, z 1)
        return new NiftiVolume(niftiHeader(6, 4, 3, pixdim, units), 6, 4, 3, voxels);
    }

    @Test
    void niftiInMillimetresAtTheTargetSpacingIsOnlyCroppedOrPadded() {
        NiftiVolume mm = nifti(new float[] {2, 2, 2}, 2);
        assertEquals("mm", mm.header().spatialUnit());
        PreparedVolume v = VolumeAssembler.fromNifti(mm, TWO_MM);
        assertEquals(List.of(10, 4, 7), List.of(v.width(), v.height(), v.depth()));
        // offsets x (10-6)/2 = 2, y 0, z (7-3)/2 = 2
        assertEquals(255, u8(v, 3, 2, 3));
        assertEquals(102, u8(v, 2, 0, 2), "-200 HU");
        assertEquals(0, u8(v, 1, 0, 2), "padded column");
        assertEquals(0, u8(v, 3, 2, 1), "padded slice");
        FloatVolume whole = FloatVolume.uniform(6, 4, 3, mm.voxels(), 2, 2, 0, 2);
        assertArrayEquals(longWay(whole, TWO_MM), v.voxels());
    }

    @Test
    void niftiSpacingInMetresOrMicronsIsConvertedToMillimetres() {
        byte[] mm = VolumeAssembler.fromNifti(nifti(new float[] {2, 2, 2}, 2), TWO_MM).voxels();
        NiftiVolume metres = nifti(new float[] {0.002f, 0.002f, 0.002f}, 1);
        assertEquals("m", metres.header().spatialUnit());
        assertArrayEquals(mm, VolumeAssembler.fromNifti(metres, TWO_MM).voxels());
        NiftiVolume microns = nifti(new float[] {2000, 2000, 2000}, 3);
        assertEquals("um", microns.header().spatialUnit());
        assertArrayEquals(mm, VolumeAssembler.fromNifti(microns, TWO_MM).voxels());
        // unknown units are taken as mm; time units in the upper bits do not matter
        assertArrayEquals(mm, VolumeAssembler.fromNifti(nifti(new float[] {2, 2, 2}, 0), TWO_MM).voxels());
        assertArrayEquals(mm, VolumeAssembler.fromNifti(nifti(new float[] {2, 2, 2}, 2 | 8), TWO_MM).voxels());
        // the same numbers read as mm are a different volume: 0.002 mm voxels shrink to one voxel
        PreparedVolume tiny = VolumeAssembler.fromNifti(nifti(new float[] {0.002f, 0.002f, 0.002f}, 2), TWO_MM);
        assertFalse(Arrays.equals(mm, tiny.voxels()));
    }

    @Test
    void niftiResamplingMatchesTheLongWay() {
        float[] voxels = new float[20 * 16 * 9];
        Random random = new Random(8);
        for (int i = 0; i < voxels.length; i++) {
            voxels[i] = -1100 + random.nextInt(2300);
        }
        NiftiVolume n = new NiftiVolume(niftiHeader(20, 16, 9, new float[] {0.75f, 0.9f, 3}, 2), 20, 16, 9, voxels);
        VolumePreparation prep = VolumePreparation.ct(new double[] {1.5, 1.5, 2}, new int[] {12, 8, 16});
        FloatVolume whole = FloatVolume.uniform(20, 16, 9, voxels, 0.75f, 0.9f, 0, 3);
        assertArrayEquals(longWay(whole, prep), VolumeAssembler.fromNifti(n, prep).voxels());
    }
}
