package io.radgate.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.pixels.GeometricTransform;
import io.radgate.post.MaskBackMapper.Interpolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MaskBackMapperTest {

    private static GeometricTransform transform(String kind, int w, int h, int n) {
        return kind.equals("letterbox") ? Phantoms.letterbox(w, h, n) : Phantoms.padThenResize(w, h, n);
    }

    @ParameterizedTest(name = "{0} {1}x{2} -> {3}")
    @CsvSource({
        "letterbox, 40, 20, 80",       // landscape, x2
        "letterbox, 20, 40, 80",       // portrait, x2
        "letterbox, 30, 17, 90",       // landscape, x3, odd pad
        "letterbox, 17, 30, 90",       // portrait, x3
        "letterbox, 33, 21, 33",       // scale 1, pad only
        "padThenResize, 40, 20, 80",   // MedImageParse order, x2
        "padThenResize, 17, 30, 60",   // odd difference: 6 px before, 7 after, then x2
    })
    void integerScaleMapsBackExactly(String kind, int w, int h, int n) {
        GeometricTransform t = transform(kind, w, h, n);
        byte[] phantom = Phantoms.lShape(w, h, 1);
        byte[] model = Phantoms.toModel(phantom, t);

        ByteMask back = MaskBackMapper.labels(model, 1, t);

        assertEquals(new ByteMask(w, h, 1, phantom), back);
        ByteMask probabilities = MaskBackMapper.probabilities(scale(model, 255), 1, t, Interpolation.BILINEAR);
        assertEquals(new ByteMask(w, h, 1, scale(phantom, 255)), probabilities,
                "bilinear on a 0/255 mask is exact at integer scales too");
    }

    /**
     * Not-integer scales: nearest neighbour there and back can move a boundary by one
     * original pixel when a model pixel spans more than one original pixel's centre
     * (scale above 1/3), never more. So every mismatch must lie in the 1-pixel band around the
     * phantom's boundary, and the count is bounded by that band's size.
     */
    @ParameterizedTest(name = "{0} {1}x{2} -> {3}")
    @CsvSource({
        "letterbox, 37, 58, 128",      // portrait, x2.2
        "letterbox, 58, 37, 128",      // landscape
        "letterbox, 101, 67, 64",      // landscape, x0.63
        "letterbox, 67, 101, 64",      // portrait, x0.63
        "letterbox, 300, 211, 1024",   // x3.41
        "padThenResize, 37, 58, 1024", // MedImageParse order, x17.7
        "padThenResize, 211, 150, 128" // x0.61
    })
    void otherScalesMapBackWithinOnePixelBand(String kind, int w, int h, int n) {
        GeometricTransform t = transform(kind, w, h, n);
        byte[] phantom = Phantoms.lShape(w, h, 1);
        byte[] model = Phantoms.toModel(phantom, t);
        boolean[] band = Phantoms.boundaryBand(phantom, w, h);
        int bandSize = 0;
        for (boolean b : band) {
            bandSize += b ? 1 : 0;
        }

        byte[] nearest = MaskBackMapper.labels(model, 1, t).data();
        byte[] bilinear = MaskThresholds.atLeast(
                MaskBackMapper.probabilities(scale(model, 255), 1, t, Interpolation.BILINEAR).data(), 0.5, 1);

        for (byte[] back : new byte[][] {nearest, bilinear}) {
            int mismatches = 0;
            for (int i = 0; i < phantom.length; i++) {
                if (back[i] != phantom[i]) {
                    mismatches++;
                    assertTrue(band[i], "pixel " + i % w + "," + i / w + " is wrong outside the boundary band");
                }
            }
            assertTrue(mismatches <= bandSize, mismatches + " mismatches, band " + bandSize);
            if (t.scaleX() >= 1 && t.scaleY() >= 1) {
                assertEquals(0, mismatches, "a finer model grid holds every original pixel exactly");
            }
        }
    }

    @Test
    void slicesMapOneToOneWithXFastestThenYThenSlice() {
        int w = 20;
        int h = 40;
        GeometricTransform t = Phantoms.letterbox(w, h, 80);
        byte[] first = Phantoms.lShape(w, h, 3);
        byte[] second = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                second[y * w + x] = first[y * w + (w - 1 - x)]; // mirrored L, another label
                if (second[y * w + x] != 0) {
                    second[y * w + x] = 7;
                }
            }
        }
        byte[] model = concat(Phantoms.toModel(first, t), Phantoms.toModel(second, t));

        ByteMask back = MaskBackMapper.labels(model, 2, t);

        assertArrayEquals(concat(first, second), back.data());
        assertEquals(3, back.get(w / 5, h / 2, 0));
        assertEquals(7, back.get(w - 1 - w / 5, h / 2, 1));
    }

    @Test
    void floatProbabilitiesInterpolateBetweenModelPixelCentres() {
        GeometricTransform t = new GeometricTransform(2, 1, 4, 1, 2, 1, 0, 0);
        float[] model = {0f, 0.25f, 0.5f, 1f};

        // original centres 0.5 and 1.5 land on model 1.0 and 3.0: halfway between two centres
        assertArrayEquals(new byte[] {32, (byte) 191},
                MaskBackMapper.probabilities(model, 1, t, Interpolation.BILINEAR).data());
        assertArrayEquals(new byte[] {64, (byte) 255},
                MaskBackMapper.probabilities(model, 1, t, Interpolation.NEAREST).data());
    }

    @Test
    void floatProbabilitiesAreClampedAndNanIsZero() {
        GeometricTransform t = GeometricTransform.identity(4, 1);
        float[] model = {-0.5f, 1.5f, Float.NaN, 0.5f};
        byte[] expected = {0, (byte) 255, 0, (byte) 128};
        assertArrayEquals(expected, MaskBackMapper.probabilities(model, 1, t, Interpolation.NEAREST).data());
        assertArrayEquals(expected, MaskBackMapper.probabilities(model, 1, t, Interpolation.BILINEAR).data());
    }

    @Test
    void positionsOutsideTheModelImageTakeItsEdge() {
        // a crop: original pixels 0 and 3 map outside the 2-pixel model image
        GeometricTransform t = new GeometricTransform(4, 1, 2, 1, 1, 1, -1, 0);
        byte[] model = {5, 9};
        assertArrayEquals(new byte[] {5, 5, 9, 9}, MaskBackMapper.labels(model, 1, t).data());
        assertArrayEquals(new byte[] {5, 5, 9, 9},
                MaskBackMapper.probabilities(model, 1, t, Interpolation.BILINEAR).data());
    }

    @Test
    void integerAndBooleanLabels() {
        GeometricTransform t = GeometricTransform.identity(3, 1);
        assertArrayEquals(new byte[] {0, 7, (byte) 200}, MaskBackMapper.labels(new int[] {0, 7, 200}, 1, t).data());
        assertArrayEquals(new byte[] {0, 7, (byte) 255}, MaskBackMapper.labels(new long[] {0, 7, 255}, 1, t).data());
        assertArrayEquals(new byte[] {(byte) 255, 0, (byte) 255},
                MaskBackMapper.booleans(new boolean[] {true, false, true}, 1, t, 255).data());
        assertThrows(IllegalArgumentException.class, () -> MaskBackMapper.labels(new int[] {0, 256, 1}, 1, t));
        assertThrows(IllegalArgumentException.class, () -> MaskBackMapper.labels(new long[] {-1, 0, 1}, 1, t));
    }

    @Test
    void wrongSizesAreRefused() {
        GeometricTransform t = Phantoms.letterbox(10, 5, 16);
        assertThrows(IllegalArgumentException.class, () -> MaskBackMapper.labels(new byte[16 * 15], 1, t));
        assertThrows(IllegalArgumentException.class, () -> MaskBackMapper.labels(new byte[16 * 16], 2, t));
        assertThrows(IllegalArgumentException.class, () -> MaskBackMapper.labels(new byte[0], 0, t));
    }

    @Test
    void allZerosGiveAllZeros() {
        GeometricTransform t = Phantoms.letterbox(37, 58, 128);
        assertTrue(MaskBackMapper.labels(new byte[128 * 128 * 2], 2, t).isEmpty());
        assertTrue(MaskBackMapper.probabilities(new float[128 * 128], 1, t, Interpolation.BILINEAR).isEmpty());
        assertEquals(ByteMask.zeros(37, 58, 1), MaskBackMapper.probabilities(new byte[128 * 128], 1, t,
                Interpolation.BILINEAR));
    }

    static byte[] scale(byte[] mask, int on) {
        byte[] out = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i] != 0 ? (byte) on : 0;
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
