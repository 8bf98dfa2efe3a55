package io.radgate.post;

import java.util.ArrayList;
import java.util.List;

/**
 * Connected components of a binary 2D mask (non-zero = foreground) with area, inclusive box,
 * centroid, an inside point and a score taken from an optional uint8 probability map of the
 * same layout. Results come sorted by {@link Component#BY_MEAN_SCORE}.
 */
public final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /** Components of slice {@code slice} of {@code mask}; {@code probabilities} may be null. */
    public static List<Component> find(ByteMask mask, int slice, Connectivity connectivity,
                                       ByteMask probabilities, int minArea) {
        checkSameShape(mask, probabilities);
        return find(mask.data(), mask.sliceOffset(slice), mask.width(), mask.height(), connectivity,
                probabilities == null ? null : probabilities.data(), minArea);
    }

    /**
     * Components of the {@code width × height} slice at {@code offset}; {@code probabilities}
     * (0..255 = 0..1, same layout and offset) may be null. Components smaller than
     * {@code minArea} pixels are left out.
     */
    public static List<Component> find(byte[] mask, int offset, int width, int height, Connectivity connectivity,
                                       byte[] probabilities, int minArea) {
        if (probabilities != null && probabilities.length != mask.length) {
            throw new IllegalArgumentException("probabilities have " + probabilities.length + " values, mask "
                    + mask.length);
        }
        Labelling labelling = Labelling.of(mask, offset, width, height, connectivity, true);
        return describe(labelling, probabilities, offset, minArea);
    }

    static List<Component> describe(Labelling l, byte[] probabilities, int offset, int minArea) {
        int n = l.count;
        long[] sumX = new long[n + 1];
        long[] sumY = new long[n + 1];
        long[] sumP = new long[n + 1];
        int[] maxP = new int[n + 1];
        int w = l.width;
        for (int y = 0; y < l.height; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int c = l.labels[i];
                if (c == 0 || l.area[c] < minArea) {
                    continue;
                }
                sumX[c] += x;
                sumY[c] += y;
                if (probabilities != null) {
                    int p = probabilities[offset + i] & 0xFF;
                    sumP[c] += p;
                    maxP[c] = Math.max(maxP[c], p);
                }
            }
        }
        double[] cx = new double[n + 1];
        double[] cy = new double[n + 1];
        double[] bestD = new double[n + 1];
        int[] bestI = new int[n + 1];
        for (int c = 1; c <= n; c++) {
            cx[c] = (double) sumX[c] / l.area[c];
            cy[c] = (double) sumY[c] / l.area[c];
            bestD[c] = Double.MAX_VALUE;
        }
        for (int i = 0; i < l.labels.length; i++) {
            int c = l.labels[i];
            if (c == 0 || l.area[c] < minArea) {
                continue;
            }
            double dx = i % w - cx[c];
            double dy = i / w - cy[c];
            double d = dx * dx + dy * dy;
            if (d < bestD[c]) {
                bestD[c] = d;
                bestI[c] = i;
            }
        }
        List<Component> result = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
            if (l.area[c] < minArea) {
                continue;
            }
            double mean = probabilities == null ? 1.0 : sumP[c] / (255.0 * l.area[c]);
            double max = probabilities == null ? 1.0 : maxP[c] / 255.0;
            result.add(new Component(c, l.area[c], l.box(c), cx[c], cy[c],
                    new PixelPoint(bestI[c] % w, bestI[c] / w), mean, max));
        }
        result.sort(Component.BY_MEAN_SCORE);
        return result;
    }

    static void checkSameShape(ByteMask mask, ByteMask other) {
        if (other != null && (other.width() != mask.width() || other.height() != mask.height()
                || other.depth() != mask.depth())) {
            throw new IllegalArgumentException(other + " does not match " + mask);
        }
    }
}
