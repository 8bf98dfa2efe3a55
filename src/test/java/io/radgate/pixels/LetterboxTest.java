package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.imaging.Raster;
import org.junit.jupiter.api.Test;

class LetterboxTest {
    final PixelKernels k = JavaPixelKernels.INSTANCE;

    static Raster filled(int w, int h, int value) {
        byte[] px = new byte[w * h];
        java.util.Arrays.fill(px, (byte) value);
        return Raster.u8(w, h, 1, px);
    }

    static Raster dot(int w, int h, int x, int y) {
        byte[] px = new byte[w * h];
        px[y * w + x] = (byte) 255;
        return Raster.u8(w, h, 1, px);
    }

    /** The bounding box [x0, y0, x1, y1) of the non-zero pixels. */
    static int[] box(Raster r) {
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (r.sample(x, y, 0) != 0) {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x + 1);
                    b[3] = Math.max(b[3], y + 1);
                }
            }
        }
        return b;
    }

    @Test
    void landscapeImageFillsTheMappedBoxExactly() {
        TransformedRaster out = Letterbox.fit(filled(300, 200, 255), 1024, k);
        assertEquals(1024, out.raster().width());
        assertEquals(1024, out.raster().height());
        GeometricTransform t = out.transform();
        // corners of the original land on the box of the image in the output
        int[] b = box(out.raster());
        assertEquals(t.toModelX(0), b[0], 0);
        assertEquals(t.toModelY(0), b[1], 0);
        assertEquals(t.toModelX(300), b[2], 1e-9);
        assertEquals(t.toModelY(200), b[3], 1e-9);
        assertEquals(170, b[1]);
        assertEquals(170 + 683, b[3]);
        assertEquals(255, out.raster().sample(512, 511, 0));
    }

    @Test
    void portraitImageIsCentredHorizontally() {
        TransformedRaster out = Letterbox.fit(filled(400, 512, 9), 1024, k);
        int[] b = box(out.raster());
        assertEquals(112, b[0]);
        assertEquals(0, b[1]);
        assertEquals(912, b[2]);
        assertEquals(1024, b[3]);
        assertEquals(112, out.transform().offsetX(), 0);
    }

    @Test
    void offCentreBrightPixelLandsWhereTheTransformSays() {
        int[][] cases = {{300, 200, 210, 50}, {512, 400, 100, 333}, {150, 380, 17, 201}, {37, 23, 35, 1}};
        for (int[] c : cases) {
            assertDotLandsOnItsCentre(Letterbox.fit(dot(c[0], c[1], c[2], c[3]), 1024, k), c[2], c[3]);
            assertDotLandsOnItsCentre(Letterbox.padThenResize(dot(c[0], c[1], c[2], c[3]), 1024, k), c[2], c[3]);
        }
    }

    /** Both the brightest output pixel and the intensity centroid lie within half a pixel of toModel(centre). */
    static void assertDotLandsOnItsCentre(TransformedRaster out, int x, int y) {
        double mx = out.transform().toModelX(x + 0.5);
        double my = out.transform().toModelY(y + 0.5);
        Raster r = out.raster();
        double sum = 0;
        double sx = 0;
        double sy = 0;
        int best = -1;
        int bx = -1;
        int by = -1;
        for (int j = 0; j < r.height(); j++) {
            for (int i = 0; i < r.width(); i++) {
                int v = (int) r.sample(i, j, 0);
                sum += v;
                sx += v * (i + 0.5);
                sy += v * (j + 0.5);
                if (v > best) {
                    best = v;
                    bx = i;
                    by = j;
                }
            }
        }
        String where = "dot at " + x + "," + y + " mapped to " + mx + "," + my;
        assertTrue(Math.abs(bx + 0.5 - mx) <= 0.5 && Math.abs(by + 0.5 - my) <= 0.5, where + ", brightest " + bx + "," + by);
        assertTrue(Math.abs(sx / sum - mx) <= 0.5 && Math.abs(sy / sum - my) <= 0.5,
                where + ", centroid " + sx / sum + "," + sy / sum);
    }

    @Test
    void padThenResizeRecordsPadBeforeScale() {
        TransformedRaster out = Letterbox.padThenResize(filled(300, 199, 255), 1024, k);
        GeometricTransform t = out.transform();
        assertEquals(1024.0 / 300, t.scaleY(), 1e-12);
        assertEquals(50 * 1024.0 / 300, t.offsetY(), 1e-9);
        // bilinear blends the image's top and bottom edges (at 170.67 and 849.92) with the pad over
        // half a source pixel (1.7 output pixels) each way; 3 rows beyond, it is pure pad or image
        int top = (int) Math.floor(t.toModelY(0));
        int bottom = (int) Math.ceil(t.toModelY(199));
        assertEquals(0, out.raster().sample(500, top - 3, 0));
        assertEquals(255, out.raster().sample(500, top + 4, 0));
        assertEquals(255, out.raster().sample(500, bottom - 4, 0));
        assertEquals(0, out.raster().sample(500, bottom + 3, 0));
        int[] b = box(out.raster());
        double reach = t.scaleY() / 2 + 1; // half a source pixel, plus the pixel the box counts whole
        assertTrue(Math.abs(b[1] - t.toModelY(0)) < reach && Math.abs(b[3] - t.toModelY(199)) < reach,
                java.util.Arrays.toString(b));
    }

    @Test
    void squareImageOfTheRightSizeIsUnchanged() {
        Raster img = dot(64, 64, 3, 60);
        TransformedRaster fit = Letterbox.fit(img, 64, k);
        assertEquals(img, fit.raster());
        assertEquals(GeometricTransform.identity(64, 64), fit.transform());
        assertEquals(img, Letterbox.padThenResize(img, 64, k).raster());
    }

    @Test
    void channelsAreResizedEachOnItsOwn() {
        byte[] px = {(byte) 255, 0, 10, (byte) 255, 0, 10};
        Raster rgb = Raster.u8(2, 1, 3, px);
        Raster out = Letterbox.fit(rgb, 4, k).raster();
        assertEquals(3, out.channels());
        // 2x1 -> 4x2 centred on a 4x4 canvas: rows 1 and 2
        assertEquals(255, out.sample(0, 1, 0));
        assertEquals(0, out.sample(3, 2, 1));
        assertEquals(10, out.sample(2, 2, 2));
        assertEquals(0, out.sample(2, 0, 0));
    }

    @Test
    void composesWithEarlierSteps() {
        Raster s16 = Raster.s16(3, 2, 1, new short[] {0, 100, 200, 300, 400, 500});
        TransformedRaster out = TransformedRaster.untouched(s16)
                .then(r -> TransformedRaster.untouched(ToUint8.window(HounsfieldRescale.apply(r, 1, -1024, k),
                        VoiWindow.linear(-774, 500), k)))
                .then(r -> Letterbox.fit(r, 6, k));
        assertEquals(GeometricTransform.letterbox(3, 2, 6), out.transform());
    }

    @Test
    void onlyUint8() {
        assertThrows(IllegalArgumentException.class, () -> Letterbox.fit(Raster.f32(1, 1, 1, new float[1]), 8, k));
    }
}
