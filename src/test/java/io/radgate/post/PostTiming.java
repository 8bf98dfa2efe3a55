package io.radgate.post;

import io.radgate.pixels.GeometricTransform;
import io.radgate.post.MaskBackMapper.Interpolation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Quick timings, not a JMH benchmark and not asserted: components and contours of a
 * 1024×1024 mask with 500 blobs, and back-mapping a 1024² model mask onto a 512² original.
 * Median of 30 runs after 20 warm-up runs, one thread.
 *
 * <p>Run: {@code mvn -q test-compile && java -cp target/classes:target/test-classes io.radgate.post.PostTiming}
 */
public final class PostTiming {
    private PostTiming() {
    }

    public static void main(String[] args) {
        int n = 1024;
        Random random = new Random(42);
        byte[] mask = new byte[n * n];
        byte[] probabilities = new byte[n * n];
        int cell = 44; // 23 x 23 cells of 44 px; blobs do not touch, so 500 blobs are 500 components
        for (int b = 0; b < 500; b++) {
            int r = 4 + random.nextInt(17);
            int cx = (b % 23) * cell + cell / 2 + random.nextInt(cell - 2 * r - 1) - (cell - 2 * r - 1) / 2;
            int cy = (b / 23) * cell + cell / 2 + random.nextInt(cell - 2 * r - 1) - (cell - 2 * r - 1) / 2;
            int hole = random.nextInt(4) == 0 ? r / 2 : 0; // a quarter of them are rings
            for (int y = Math.max(0, cy - r); y <= Math.min(n - 1, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x <= Math.min(n - 1, cx + r); x++) {
                    int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    if (d2 <= r * r && d2 >= hole * hole) {
                        mask[y * n + x] = 1;
                        probabilities[y * n + x] = (byte) (128 + random.nextInt(128));
                    }
                }
            }
        }
        List<Component> components = ConnectedComponents.find(mask, 0, n, n, Connectivity.EIGHT, probabilities, 1);
        List<RegionContour> contours = ContourTracer.trace(mask, 0, n, n, probabilities, ContourOptions.DEFAULT);
        int holes = contours.stream().mapToInt(c -> c.holes().size()).sum();
        System.out.printf(Locale.ROOT, "1024x1024, 500 blobs: %d components (8-connected), %d holes%n",
                components.size(), holes);

        time("components, 8-connected, with scores", () -> ConnectedComponents.find(mask, 0, n, n,
                Connectivity.EIGHT, probabilities, 1));
        time("components, 4-connected, no scores", () -> ConnectedComponents.find(mask, 0, n, n,
                Connectivity.FOUR, null, 1));
        time("contours + holes, tolerance 0", () -> ContourTracer.trace(mask, 0, n, n, probabilities,
                ContourOptions.DEFAULT));
        time("contours + holes, tolerance 1 px", () -> ContourTracer.trace(mask, 0, n, n, probabilities,
                ContourOptions.DEFAULT.withTolerance(1)));
        time("contours, raw boundary, no holes", () -> ContourTracer.trace(mask, 0, n, n, null,
                new ContourOptions(false, 1, 1, -1)));

        GeometricTransform t = new GeometricTransform(512, 512, n, n, 2, 2, 0, 0);
        float[] floats = new float[n * n];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (probabilities[i] & 0xFF) / 255f;
        }
        time("back-map 1024² -> 512², uint8 labels, nearest", () -> MaskBackMapper.labels(mask, 1, t));
        time("back-map 1024² -> 512², uint8 probabilities, bilinear", () -> MaskBackMapper.probabilities(
                probabilities, 1, t, Interpolation.BILINEAR));
        time("back-map 1024² -> 512², float probabilities, bilinear", () -> MaskBackMapper.probabilities(
                floats, 1, t, Interpolation.BILINEAR));
        GeometricTransform up = Phantoms.letterbox(2048, 1536, n);
        time("back-map 1024² -> 2048x1536, uint8 probabilities, bilinear", () -> MaskBackMapper.probabilities(
                probabilities, 1, up, Interpolation.BILINEAR));
    }

    private static Object sink;

    private static void time(String name, Supplier<Object> work) {
        for (int i = 0; i < 20; i++) {
            sink = work.get();
        }
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            sink = work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-60s median %7.2f ms  (min %.2f, max %.2f)%n", name, ms[ms.length / 2],
                ms[0], ms[ms.length - 1]);
    }
}
