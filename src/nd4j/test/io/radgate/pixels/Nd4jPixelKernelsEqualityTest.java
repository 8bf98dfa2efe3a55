package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.radgate.imaging.Raster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ND4J kernels give the same bytes (and float bits) as the plain Java ones, on random and
 * structured inputs of many sizes. Runs with {@code mvn -Pnd4j test}.
 */
class Nd4jPixelKernelsEqualityTest {
    /** width × height: square, landscape, portrait, odd, one row, one column, large. */
    static final int[][] SIZES = {
        {1, 1}, {2, 2}, {3, 7}, {7, 3}, {1, 37}, {37, 1}, {1, 1500}, {1500, 1}, {17, 13}, {13, 17},
        {255, 257}, {511, 333}, {512, 512}, {512, 400}, {400, 512}, {1023, 1025}, {1024, 1024},
        {3000, 2000}, {2000, 3000},
    };
    static final int[] MODEL_SIZES = {1024, 256, 7};

    static PixelKernels java;
    static PixelKernels nd4j;

    @BeforeAll
    static void kernels() {
        java = PixelKernelSelection.forName("java");
        nd4j = PixelKernelSelection.forName("nd4j");
        assertInstanceOf(Nd4jPixelKernels.class, nd4j);
        assertInstanceOf(Nd4jPixelKernels.class, PixelKernelSelection.forName("auto"));
    }

    /** Patterns: value at (x, y) of a w × h image, 0..255. */
    static List<IntBinaryOperator> patterns(int w, int h, long seed) {
        Random random = new Random(seed);
        List<IntBinaryOperator> list = new ArrayList<>();
        list.add((x, y) -> random.nextInt(256));
        list.add((x, y) -> (x * 255) / Math.max(1, w - 1));
        list.add((x, y) -> ((x / 3 + y / 5) & 1) * 255);
        list.add((x, y) -> x == w / 3 && y == (2 * h) / 3 ? 255 : 0);
        list.add((x, y) -> 255);
        list.add((x, y) -> (x * 7 + y * 13) % 256);
        return list;
    }

    static Raster image(int w, int h, IntBinaryOperator f) {
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (byte) f.applyAsInt(x, y);
            }
        }
        return Raster.u8(w, h, 1, px);
    }

    @Test
    void letterboxGivesIdenticalBytes() {
        int compared = 0;
        for (int[] size : SIZES) {
            for (IntBinaryOperator p : patterns(size[0], size[1], size[0] * 31L + size[1])) {
                Raster img = image(size[0], size[1], p);
                for (int n : MODEL_SIZES) {
                    TransformedRaster a = Letterbox.fit(img, n, java);
                    TransformedRaster b = Letterbox.fit(img, n, nd4j);
                    assertArrayEquals(a.raster().u8Samples(), b.raster().u8Samples(),
                            () -> "letterbox " + size[0] + "x" + size[1] + " -> " + n);
                    assertEquals(a.transform(), b.transform());
                    compared++;
                }
            }
        }
        assertEquals(SIZES.length * 6 * MODEL_SIZES.length, compared);
    }

    @Test
    void padThenResizeGivesIdenticalBytes() {
        for (int[] size : SIZES) {
            for (IntBinaryOperator p : patterns(size[0], size[1], size[0] * 17L + size[1])) {
                Raster img = image(size[0], size[1], p);
                assertArrayEquals(Letterbox.padThenResize(img, 1024, java).raster().u8Samples(),
                        Letterbox.padThenResize(img, 1024, nd4j).raster().u8Samples(),
                        () -> "pad then resize " + size[0] + "x" + size[1]);
            }
        }
    }

    @Test
    void rgbLetterboxGivesIdenticalBytes() {
        Random random = new Random(5);
        byte[] px = new byte[300 * 200 * 3];
        random.nextBytes(px);
        Raster rgb = Raster.u8(300, 200, 3, px);
        assertArrayEquals(Letterbox.fit(rgb, 1024, java).raster().u8Samples(),
                Letterbox.fit(rgb, 1024, nd4j).raster().u8Samples());
    }

    @Test
    void floatResizeGivesIdenticalBits() {
        Random random = new Random(11);
        int[][] targets = {{1024, 1024}, {1024, 800}, {5, 9}, {1, 1}, {2, 1500}};
        for (int[] size : SIZES) {
            float[] plane = new float[size[0] * size[1]];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) (random.nextGaussian() * 500 - 300);
            }
            for (int[] t : targets) {
                float[] a = java.resizeBilinear(plane, size[0], size[1], t[0], t[1]);
                float[] b = nd4j.resizeBilinear(plane, size[0], size[1], t[0], t[1]);
                assertArrayEquals(a, b, () -> "resize " + size[0] + "x" + size[1] + " -> " + t[0] + "x" + t[1]);
            }
        }
    }

    @Test
    void windowGivesIdenticalBytes() {
        Random random = new Random(3);
        float[] hu = new float[512 * 400];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = random.nextInt(4096) - 1024 + (random.nextInt(4) == 0 ? random.nextFloat() : 0);
        }
        List<VoiWindow> windows = List.of(VoiWindow.linear(40, 400), VoiWindow.linear(-600, 1500),
                VoiWindow.linear(50, 350), VoiWindow.linear(0.5f, 2), VoiWindow.linearExact(40, 400),
                VoiWindow.range(-150, 250), VoiWindow.range(-1000, 1000), VoiWindow.range(-55, 200),
                VoiWindow.range(-25, 230), VoiWindow.range(-68, 187), VoiWindow.range(-100, 200),
                VoiWindow.linear(1000.3, 3.7));
        Raster values = Raster.f32(512, 400, 1, hu);
        for (VoiWindow w : windows) {
            assertArrayEquals(ToUint8.window(values, w, java).u8Samples(),
                    ToUint8.window(values, w, nd4j).u8Samples(), w::toString);
        }
        assertArrayEquals(ToUint8.percentiles(values, 0.5, 99.5, java).u8Samples(),
                ToUint8.percentiles(values, 0.5, 99.5, nd4j).u8Samples());
    }

    @Test
    void roundingTiesNanAndInfinitiesAgree() {
        List<Float> special = new ArrayList<>();
        for (int k = -3; k <= 258; k++) {
            special.add(k + 0.5f);
            special.add(k - 0.5f);
            special.add(Math.nextUp(k + 0.5f));
            special.add(Math.nextDown(k + 0.5f));
            special.add((float) k);
        }
        special.add(0.49999997f);
        special.add(-0.0f);
        special.add(Float.NaN);
        special.add(Float.POSITIVE_INFINITY);
        special.add(Float.NEGATIVE_INFINITY);
        special.add(Float.MAX_VALUE);
        special.add(-Float.MAX_VALUE);
        float[] x = new float[special.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = special.get(i);
        }
        float[][] lines = {{1, 0}, {0.5f, 0.25f}, {255f / 399, 127.5f - 39.5f * 255f / 399}, {-1, 255}};
        for (float[] line : lines) {
            assertArrayEquals(java.linearToU8(x, line[0], line[1]), nd4j.linearToU8(x, line[0], line[1]),
                    () -> "line " + line[0] + " x + " + line[1]);
        }
    }

    @Test
    void rescaleGivesIdenticalBits() {
        Random random = new Random(9);
        short[] stored = new short[512 * 512];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = (short) random.nextInt(65536);
        }
        float[][] params = {{1, -1024}, {1, 0}, {2.5f, -1000.25f}, {0.000123f, 3.3f}, {-1, 0}};
        for (float[] p : params) {
            for (boolean unsigned : new boolean[] {false, true}) {
                assertArrayEquals(java.rescale(stored, unsigned, p[0], p[1]), nd4j.rescale(stored, unsigned, p[0], p[1]),
                        () -> "rescale " + p[0] + "/" + p[1] + (unsigned ? " unsigned" : " signed"));
            }
        }
    }

    @Test
    void ctSlicePipelineGivesIdenticalBytes() {
        Random random = new Random(1);
        for (int[] size : new int[][] {{512, 512}, {512, 400}, {400, 512}, {333, 511}}) {
            short[] stored = new short[size[0] * size[1]];
            for (int i = 0; i < stored.length; i++) {
                stored[i] = (short) (random.nextInt(3000) - 1024);
            }
            Raster s16 = Raster.s16(size[0], size[1], 1, stored);
            assertArrayEquals(pipeline(s16, java), pipeline(s16, nd4j), () -> "pipeline " + size[0] + "x" + size[1]);
        }
    }

    static byte[] pipeline(Raster s16, PixelKernels k) {
        Raster hu = HounsfieldRescale.apply(s16, 1, -1024, k);
        Raster u8 = ToUint8.window(hu, VoiWindow.linear(40, 400), k);
        return Letterbox.fit(u8, 1024, k).raster().u8Samples();
    }
}
