package io.radgate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.Instance;
import io.radgate.imaging.InstancePixelFormat;
import io.radgate.imaging.InstancePlane;
import io.radgate.imaging.InstanceUids;
import io.radgate.imaging.Raster;
import io.radgate.imaging.Series;
import io.radgate.imaging.SeriesSlice;
import io.radgate.imaging.SliceOrder;
import io.radgate.pixels.CrsPacking;
import io.radgate.pixels.FloatVolume;
import io.radgate.pixels.HounsfieldRescale;
import io.radgate.pixels.ResampledVolume;
import io.radgate.pixels.VoiWindow;
import io.radgate.pixels.VolumeResampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Slices decoded one at a time, in any order, against the volume they must make. */
class VolumeAssemblerTest {
    private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};
    static final VolumePreparation TWO_MM = VolumePreparation.ct(new double[] {2, 2, 2}, new int[] {10, 4, 7});

    /** A series under construction: header-only instances and, per SOP, the decoded one. */
    private record Phantom(List<Instance> headers, List<Instance> decoded) {
        Series series() {
            List<Instance> shuffled = new ArrayList<>(headers);
            Collections.shuffle(shuffled, new Random(5));
            return SliceOrder.order(shuffled);
        }

        List<Instance> decodedShuffled(long seed) {
            List<Instance> shuffled = new ArrayList<>(decoded);
            Collections.shuffle(shuffled, new Random(seed));
            return shuffled;
        }
    }

    private static Instance instance(int k, InstancePlane plane, int cols, int rows, double slope, double intercept,
                                     Raster frame) {
        InstancePixelFormat format = new InstancePixelFormat(rows, cols, 1, 16, 16, 1, "MONOCHROME2", 0, 1);
        // InstanceNumbers run against the spatial order, so only positions can order the series
        return new Instance(new InstanceUids("1.2.9", "1.2.9.1", "1.2.9.1." + (100 + k), ""), "1.2.840.10008.1.2.1",
                "CT", format, slope, intercept, Double.NaN, Double.NaN, 50 - k, null, null, plane, null, null, null,
                frame == null ? List.of() : List.of(frame));
    }

    /** Slice k of {@code hu} (cols × rows each), stored as (hu - intercept) / slope in s16. */
    private static Phantom phantom(float[][] hu, int cols, int rows, double[] pixelSpacing, double[] positions,
                                   double[] orientation, double thickness, double slope, double intercept) {
        List<Instance> headers = new ArrayList<>();
        List<Instance> decoded = new ArrayList<>();
        for (int k = 0; k < hu.length; k++) {
            double[] position = positions == null ? null : new double[] {-20, -15, positions[k]};
            InstancePlane plane = new InstancePlane(position, orientation, pixelSpacing, thickness);
            short[] stored = new short[cols * rows];
            for (int i = 0; i < stored.length; i++) {
                stored[i] = (short) Math.round((hu[k][i] - intercept) / slope);
            }
            headers.add(instance(k, plane, cols, rows, slope, intercept, null));
            decoded.add(instance(k, plane, cols, rows, slope, intercept, Raster.s16(cols, rows, 1, stored)));
        }
        return new Phantom(headers, decoded);
    }

    private static PreparedVolume assemble(Phantom p, VolumePreparation prep, long seed) {
        VolumeAssembler a = new VolumeAssembler(p.series(), prep);
        p.decodedShuffled(seed).forEach(a::add);
        return a.finish();
    }

    /** The design claim's long way: the whole HU volume, resampled, cropped or padded, then windowed. */
    static byte[] longWay(FloatVolume hu, VolumePreparation prep) {
        double[] s = prep.spacing();
        int[] shape = prep.shape();
        ResampledVolume r = VolumeResampler.toSpacing(hu, s[0], s[1], s[2]);
        FloatVolume v = VolumeResampler.cropOrPad(r, shape[0], shape[1], shape[2], (float) prep.windowLow()).volume();
        return CrsPacking.pack(v, VoiWindow.range(prep.windowLow(), prep.windowHigh()));
    }

    /** The decoded slices in the series' order, rescaled to HU, stacked at {@code positions}. */
    private static FloatVolume huVolume(Series series, Phantom p, double spacingX, double spacingY,
                                        double[] positions, boolean[] keep) {
        List<float[]> planes = new ArrayList<>();
        List<Double> at = new ArrayList<>();
        List<SeriesSlice> slices = series.slices();
        for (int i = 0; i < slices.size(); i++) {
            if (keep != null && !keep[i]) {
                continue;
            }
            String sop = slices.get(i).instance().uids().sopInstance();
            Instance d = p.decoded().stream().filter(x -> x.uids().sopInstance().equals(sop)).findFirst().orElseThrow();
            planes.add(HounsfieldRescale.apply(d.frame(1), d.rescaleSlope(), d.rescaleIntercept()).f32Samples());
            at.add(positions[i]);
        }
        Instance first = p.decoded().get(0);
        int plane = first.format().columns() * first.format().rows();
        float[] voxels = new float[plane * planes.size()];
        for (int k = 0; k < planes.size(); k++) {
            System.arraycopy(planes.get(k), 0, voxels, k * plane, plane);
        }
        return new FloatVolume(first.format().columns(), first.format().rows(), planes.size(), voxels, spacingX,
                spacingY, at.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static float[][] background(int slices, int plane, float hu) {
        float[][] out = new float[slices][plane];
        for (float[] s : out) {
            java.util.Arrays.fill(s, hu);
        }
        return out;
    }

    static int u8(PreparedVolume v, int x, int y, int z) {
        return v.voxels()[(z * v.height() + y) * v.width() + x] & 0xFF;
    }

    /** 5 slices of 8 × 6 at 2 mm, 2 mm apart: resampling to 2 mm is the identity. */
    private static float[][] identityPhantomHu() {
        float[][] hu = background(5, 8 * 6, -200);
        hu[2][2 * 8 + 3] = 1000;   // (x 3, y 2, slice 2)
        hu[3][4 * 8 + 5] = 0;      // (x 5, y 4, slice 3)
        hu[1][1 * 8 + 1] = -1000;  // (x 1, y 1, slice 1)
        hu[4][5 * 8 + 7] = 3000;   // above the window
        hu[0][1 * 8 + 6] = -3000;  // below it
        return hu;
    }

    private static Phantom identityPhantom() {
        double[] positions = {0, 2, 4, 6, 8};
        return phantom(identityPhantomHu(), 8, 6, new double[] {2, 2}, positions, AXIAL, 2, 2, -1000);
    }

    @Test
    void withSpacingEqualToTheTargetVoxelsMoveOnlyByTheCentredCropOrPadOffsets() {
        PreparedVolume v = assemble(identityPhantom(), TWO_MM, 1);
        assertEquals(10, v.width());
        assertEquals(4, v.height());
        assertEquals(7, v.depth());
        assertEquals(2.0, v.spacingX(), 1e-9);
        assertEquals(2.0, v.spacingY(), 1e-9);
        assertEquals(2.0, v.spacingZ(), 1e-9);
        // offsets (target - n) / 2, truncated: x (10-8)/2 = 1, y (4-6)/2 = -1, z (7-5)/2 = 1
        float[][] hu = identityPhantomHu();
        byte[] expected = new byte[10 * 4 * 7]; // padding is -1000 HU, i.e. 0
        for (int z = 0; z < 5; z++) {
            for (int y = 1; y < 5; y++) {
                for (int x = 0; x < 8; x++) {
                    double w = Math.max(-1000, Math.min(1000, hu[z][y * 8 + x]));
                    expected[((z + 1) * 4 + (y - 1)) * 10 + (x + 1)] = (byte) Math.floor((w + 1000) / 2000 * 255 + 0.5);
                }
            }
        }
        assertArrayEquals(expected, v.voxels());
        assertEquals(255, u8(v, 4, 1, 3), "1000 HU at (3, 2, 2)");
        assertEquals(128, u8(v, 6, 3, 4), "0 HU at (5, 4, 3): 127.5 rounded half up");
        assertEquals(0, u8(v, 2, 0, 2), "-1000 HU at (1, 1, 1)");
        assertEquals(102, u8(v, 5, 2, 3), "-200 HU background");
        assertEquals(0, u8(v, 0, 2, 3), "padded column");
        assertEquals(0, u8(v, 5, 2, 0), "padded slice before");
        assertEquals(0, u8(v, 5, 2, 6), "padded slice after");
    }

    @Test
    void theOrderSlicesArriveInDoesNotChangeTheVolume() {
        Phantom p = identityPhantom();
        byte[] first = assemble(p, TWO_MM, 1).voxels();
        for (long seed = 2; seed < 6; seed++) {
            assertArrayEquals(first, assemble(p, TWO_MM, seed).voxels(), "seed " + seed);
        }
    }

    @Test
    void slicesThatNeverArriveAreLeftOut() {
        Phantom p = identityPhantom();
        Series series = p.series();
        VolumeAssembler a = new VolumeAssembler(series, TWO_MM);
        assertEquals(5, a.slices());
        String missing = series.slices().get(2).instance().uids().sopInstance(); // the slice with the 1000 HU voxel
        p.decodedShuffled(3).stream().filter(i -> !i.uids().sopInstance().equals(missing)).forEach(a::add);
        PreparedVolume v = a.finish();
        assertEquals(List.of(10, 4, 7), List.of(v.width(), v.height(), v.depth()));
        for (byte b : v.voxels()) {
            assertTrue((b & 0xFF) < 200, "the missing slice's bright voxel must not appear");
        }
        boolean[] keep = {true, true, false, true, true};
        FloatVolume hu = huVolume(series, p, 2, 2, new double[] {0, 2, 4, 6, 8}, keep);
        assertArrayEquals(longWay(hu, TWO_MM), v.voxels());
    }

    /** {@code i} with other UIDs, rescale and frames. */
    private static Instance copy(Instance i, InstanceUids uids, double slope, double intercept, List<Raster> frames) {
        return new Instance(uids, i.transferSyntaxUid(), "CT", i.format(), slope, intercept, Double.NaN, Double.NaN,
                i.instanceNumber(), null, null, i.plane(), null, null, null, frames);
    }

    private static void badInput(org.junit.jupiter.api.function.Executable e, String mention) {
        RadgateException x = assertThrows(RadgateException.class, e);
        assertEquals(ErrorKind.BAD_INPUT, x.kind(), x.getMessage());
        assertTrue(x.getMessage().contains(mention), x.getMessage());
    }

    @Test
    void finishingWithNoSliceAtAllIsBadInput() {
        badInput(new VolumeAssembler(identityPhantom().series(), TWO_MM)::finish, "none of the series' slices");
    }

    @Test
    void instancesOfOtherSeriesAreIgnored() {
        Phantom p = identityPhantom();
        VolumeAssembler a = new VolumeAssembler(p.series(), TWO_MM);
        Instance good = p.decoded().get(0);
        // not one of the series' slices: ignored, even though its size is wrong too
        a.add(copy(good, new InstanceUids("9", "9.9", "9.9.9", ""), 1, 0, List.of(Raster.s16(2, 2, 1, new short[4]))));
        p.decoded().forEach(a::add);
        assertArrayEquals(assemble(p, TWO_MM, 1).voxels(), a.finish().voxels());
    }

    @Test
    void aSliceOfAnotherSizeIsBadInput() {
        Phantom p = identityPhantom();
        VolumeAssembler a = new VolumeAssembler(p.series(), TWO_MM);
        Instance good = p.decoded().get(0);
        Instance wrong = copy(good, good.uids(), 1, 0, List.of(Raster.s16(7, 6, 1, new short[42])));
        badInput(() -> a.add(wrong), "7x6x1; the series' first slice is 8x6x1");
    }

    @Test
    void aSliceWithAnUnusableRescaleIsBadInputSoItCanBeLeftOut() {
        Phantom p = identityPhantom();
        VolumeAssembler a = new VolumeAssembler(p.series(), TWO_MM);
        Instance good = p.decoded().get(0);
        for (double[] rescale : new double[][] {{0, -1000}, {Double.NaN, 0}, {1, Double.POSITIVE_INFINITY}}) {
            badInput(() -> a.add(copy(good, good.uids(), rescale[0], rescale[1], good.frames())), "RescaleSlope");
        }
    }

    @Test
    void aSeriesWithoutPixelSpacingIsBadInput() {
        for (double[] spacing : new double[][] {null, {0, 1}, {1, Double.POSITIVE_INFINITY}}) {
            Phantom p = phantom(background(3, 16, 0), 4, 4, spacing, new double[] {0, 1, 2}, AXIAL, 1, 1, 0);
            badInput(() -> new VolumeAssembler(p.series(), TWO_MM), "PixelSpacing");
        }
    }

    @Test
    void withoutPositionsSlicesAreSpacedBySliceThicknessInInstanceNumberOrder() {
        float[][] hu = background(4, 8 * 6, -200);
        for (int k = 0; k < 4; k++) {
            hu[k][k] = 1000; // slice k lights column k of row 0
        }
        // no orientation: ordered by InstanceNumber, which runs against k
        Phantom p = phantom(hu, 8, 6, new double[] {2, 2}, null, null, 5, 2, -1000);
        Series series = p.series();
        assertEquals(SliceOrder.Rule.INSTANCE_NUMBER, series.rule());
        PreparedVolume v = assemble(p, TWO_MM, 4);
        FloatVolume huVolume = huVolume(series, p, 2, 2, new double[] {0, 5, 10, 15}, null);
        assertArrayEquals(longWay(huVolume, TWO_MM), v.voxels());
        // 4 slices 5 mm apart make 10 slices at 2 mm, cropped to 7
        assertEquals(7, v.depth());
        assertEquals(2.0, v.spacingZ(), 1e-9);
    }

    @Test
    void repeatedPositionsFallBackToSliceThickness() {
        float[][] hu = background(4, 8 * 6, -200);
        hu[3][10] = 1000;
        Phantom p = phantom(hu, 8, 6, new double[] {2, 2}, new double[] {0, 2, 2, 4}, AXIAL, 2, 2, -1000);
        Series series = p.series();
        assertEquals(SliceOrder.Rule.POSITION, series.rule());
        PreparedVolume v = assemble(p, TWO_MM, 7);
        assertArrayEquals(longWay(huVolume(series, p, 2, 2, new double[] {0, 2, 4, 6}, null), TWO_MM), v.voxels());
        // spaced by thickness the 4 slices stay 4: z offset (7 - 4) / 2 = 1
        int bright = 0;
        for (byte b : v.voxels()) {
            bright += (b & 0xFF) == 255 ? 1 : 0;
        }
        assertEquals(1, bright);
    }

    @Test
    void neitherDistinctPositionsNorThicknessIsBadInput() {
        Phantom p = phantom(background(3, 16, 0), 4, 4, new double[] {1, 1}, null, null, Double.NaN, 1, 0);
        badInput(() -> new VolumeAssembler(p.series(), TWO_MM), "SliceThickness");
    }

    @Test
    void slicewiseAssemblyEqualsResamplingTheWholeVolumeWhenInPlaneResamplingIsNotIdentity() {
        int cols = 40;
        int rows = 30;
        int n = 12;
        Random random = new Random(42);
        float[][] hu = new float[n][cols * rows];
        double[] positions = new double[n];
        for (int k = 0; k < n; k++) {
            positions[k] = (k == 0 ? 0 : positions[k - 1] + 1.0 + random.nextInt(4) * 0.25); // uneven, increasing
            for (int i = 0; i < cols * rows; i++) {
                hu[k][i] = -1200 + random.nextInt(2700);
            }
        }
        // rows 0.8 mm apart, columns 0.7 mm: a swap of the axes would show
        Phantom p = phantom(hu, cols, rows, new double[] {0.8, 0.7}, positions, AXIAL, 1.0, 1, -1024);
        VolumePreparation prep = VolumePreparation.ct(new double[] {2, 2, 2}, new int[] {16, 11, 9});
        Series series = p.series();
        PreparedVolume v = assemble(p, prep, 9);

        FloatVolume whole = huVolume(series, p, 0.7, 0.8, positions, null);
        ResampledVolume r = VolumeResampler.toSpacing(whole, 2, 2, 2);
        assertEquals(14, r.volume().width(), "40 x 0.7 mm at 2 mm");
        assertEquals(12, r.volume().height(), "30 x 0.8 mm at 2 mm");
        assertArrayEquals(longWay(whole, prep), v.voxels());
        assertEquals(List.of(16, 11, 9), List.of(v.width(), v.height(), v.depth()));
        assertEquals(r.volume().spacingX(), v.spacingX(), 1e-9);
        assertEquals(r.volume().spacingY(), v.spacingY(), 1e-9);
        assertEquals(r.volume().meanSliceSpacing(), v.spacingZ(), 1e-9);
    }
}
