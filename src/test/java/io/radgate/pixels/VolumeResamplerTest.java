package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VolumeResamplerTest {
    final PixelKernels k = JavaPixelKernels.INSTANCE;

    /** A linear ramp in voxel-index coordinates: 2x + 3y + 5z. */
    static double ramp(double x, double y, double z) {
        return 2 * x + 3 * y + 5 * z;
    }

    static FloatVolume rampVolume(int w, int h, int d, double sx, double sy, double first, double sz) {
        float[] v = new float[w * h * d];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[(z * h + y) * w + x] = (float) ramp(x, y, z);
                }
            }
        }
        return FloatVolume.uniform(w, h, d, v, sx, sy, first, sz);
    }

    static double clamp(double v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    /** Every output voxel equals the ramp at its half-pixel source position (clamped at the edges). */
    static void assertRampPreserved(FloatVolume src, FloatVolume out) {
        double fx = (double) out.width() / src.width();
        double fy = (double) out.height() / src.height();
        double fz = (double) out.depth() / src.depth();
        for (int z = 0; z < out.depth(); z++) {
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    double expected = ramp(clamp((x + 0.5) / fx - 0.5, src.width()),
                            clamp((y + 0.5) / fy - 0.5, src.height()), clamp((z + 0.5) / fz - 0.5, src.depth()));
                    assertEquals(expected, out.at(x, y, z), 1e-4, "voxel " + x + "," + y + "," + z);
                }
            }
        }
    }

    @Test
    void downsamplingPreservesALinearRamp() {
        FloatVolume v = rampVolume(8, 6, 4, 1, 1, 0, 1);
        ResampledVolume r = VolumeResampler.toShape(v, 4, 3, 2, k);
        assertRampPreserved(v, r.volume());
        assertEquals(ramp(2 * 3 + 0.5, 2 * 2 + 0.5, 2 + 0.5), r.volume().at(3, 2, 1), 1e-4);
        assertEquals(GeometricTransform.resize(8, 6, 4, 3), r.inPlane());
        assertEquals(new SliceAxisTransform(4, 2, 0.5, 0), r.slices());
    }

    @Test
    void upsamplingPreservesALinearRampAndClampsAtTheEdges() {
        FloatVolume v = rampVolume(5, 4, 3, 1, 1, 0, 1);
        assertRampPreserved(v, VolumeResampler.toShape(v, 10, 12, 7, k).volume());
    }

    @Test
    void toSpacingRoundsSizesAndRecordsExactScales() {
        FloatVolume v = rampVolume(8, 6, 4, 0.5, 0.5, 100, 2);
        ResampledVolume r = VolumeResampler.toSpacing(v, 1, 1, 1, k);
        FloatVolume out = r.volume();
        assertEquals(4, out.width());
        assertEquals(3, out.height());
        assertEquals(8, out.depth());
        assertEquals(1, out.spacingX(), 1e-12);
        assertEquals(1, out.spacingY(), 1e-12);
        assertEquals(1, out.meanSliceSpacing(), 1e-12);
        // slice j sits at first + ((j + 0.5) / 2 - 0.5) * 2 = 99.5 + j
        assertEquals(99.5, out.slicePositions()[0], 1e-12);
        assertEquals(106.5, out.slicePositions()[7], 1e-12);
        assertEquals(2, r.slices().scale(), 0);
        assertRampPreserved(v, out);
    }

    @Test
    void unevenSlicesAreBlendedByPosition() {
        double[] positions = {0, 1, 3, 4, 7};
        float[] values = new float[positions.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) positions[i];
        }
        FloatVolume v = new FloatVolume(1, 1, 5, values, 1, 1, positions);
        FloatVolume out = VolumeResampler.toShape(v, 1, 1, 8, k).volume();
        for (int j = 0; j < 8; j++) {
            double p = out.slicePositions()[j];
            assertEquals(((j + 0.5) / 1.6 - 0.5) * 1.75, p, 1e-12);
            assertEquals(Math.max(0, Math.min(7, p)), out.at(0, 0, j), 1e-5, "slice " + j);
        }
    }

    @Test
    void cropOrPadCentresAndFills() {
        FloatVolume v = rampVolume(4, 4, 2, 1, 1, 10, 2);
        ResampledVolume same = VolumeResampler.toShape(v, 4, 4, 2, k);
        assertArrayEquals(v.voxels(), same.volume().voxels());
        ResampledVolume r = VolumeResampler.cropOrPad(same, 6, 2, 3, -1);
        FloatVolume out = r.volume();
        // ox = (6 - 4) / 2 = 1, oy = (2 - 4) / 2 = -1, oz = (3 - 2) / 2 = 0
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 6; x++) {
                    double expected = x < 1 || x > 4 || z > 1 ? -1 : ramp(x - 1, y + 1, z);
                    assertEquals(expected, out.at(x, y, z), 0, x + "," + y + "," + z);
                }
            }
        }
        assertEquals(1, r.inPlane().offsetX(), 0);
        assertEquals(-1, r.inPlane().offsetY(), 0);
        assertEquals(SliceAxisTransform.identity(2).then(new SliceAxisTransform(2, 3, 1, 0)), r.slices());
        assertArrayEquals(new double[] {10, 12, 14}, out.slicePositions(), 1e-12);
    }

    @Test
    void oneSliceStaysOneSlice() {
        FloatVolume v = rampVolume(4, 4, 1, 1, 1, 0, 1);
        assertEquals(1, VolumeResampler.toSpacing(v, 2, 2, 0.5, k).volume().depth());
        assertThrows(IllegalArgumentException.class, () -> VolumeResampler.toShape(v, 4, 4, 2, k));
    }

    @Test
    void positionsMustIncrease() {
        assertThrows(IllegalArgumentException.class,
                () -> new FloatVolume(1, 1, 2, new float[2], 1, 1, new double[] {3, 3}));
    }
}
