package io.radgate.post;

import java.util.Arrays;

/**
 * Two-pass connected-component labelling with union-find over one 2D slice. Labels run
 * 1..count in raster order of each component's first pixel; 0 is "not in a component".
 * Per-label arrays are indexed by label (index 0 unused).
 */
final class Labelling {
    final int width;
    final int height;
    final int[] labels;
    final int count;
    final int[] firstIndex;
    final int[] area;
    final int[] minX;
    final int[] minY;
    final int[] maxX;
    final int[] maxY;

    private Labelling(int width, int height, int[] labels, int count) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.count = count;
        this.firstIndex = new int[count + 1];
        this.area = new int[count + 1];
        this.minX = new int[count + 1];
        this.minY = new int[count + 1];
        this.maxX = new int[count + 1];
        this.maxY = new int[count + 1];
    }

    /**
     * Labels the pixels of {@code data[offset ..]} ({@code width × height}, x fastest) that are
     * non-zero when {@code foreground}, or zero when not (to find holes).
     */
    static Labelling of(byte[] data, int offset, int width, int height, Connectivity connectivity, boolean foreground) {
        if (width <= 0 || height <= 0 || offset < 0 || (long) offset + (long) width * height > data.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " slice at " + offset
                    + " does not fit in " + data.length + " bytes");
        }
        boolean eight = connectivity == Connectivity.EIGHT;
        int[] labels = new int[width * height];
        int[] parent = new int[64];
        int next = 1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int i = row + x;
                if ((data[offset + i] != 0) != foreground) {
                    continue;
                }
                int l = 0;
                if (x > 0) {
                    l = join(parent, l, labels[i - 1]);
                }
                if (y > 0) {
                    l = join(parent, l, labels[i - width]);
                    if (eight && x > 0) {
                        l = join(parent, l, labels[i - width - 1]);
                    }
                    if (eight && x < width - 1) {
                        l = join(parent, l, labels[i - width + 1]);
                    }
                }
                if (l == 0) {
                    if (next == parent.length) {
                        parent = Arrays.copyOf(parent, parent.length * 2);
                    }
                    parent[next] = next;
                    l = next++;
                }
                labels[i] = l;
            }
        }
        // A set's root is its smallest provisional label, made at its first pixel in raster
        // order, so numbering roots in ascending order numbers components in raster order.
        int[] finalLabel = new int[next];
        int count = 0;
        for (int l = 1; l < next; l++) {
            int r = find(parent, l);
            finalLabel[l] = r == l ? ++count : finalLabel[r];
        }
        Labelling result = new Labelling(width, height, labels, count);
        Arrays.fill(result.minX, Integer.MAX_VALUE);
        Arrays.fill(result.minY, Integer.MAX_VALUE);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int i = row + x;
                if (labels[i] == 0) {
                    continue;
                }
                int l = finalLabel[labels[i]];
                labels[i] = l;
                if (result.area[l]++ == 0) {
                    result.firstIndex[l] = i;
                }
                if (x < result.minX[l]) {
                    result.minX[l] = x;
                }
                if (x > result.maxX[l]) {
                    result.maxX[l] = x;
                }
                if (y < result.minY[l]) {
                    result.minY[l] = y;
                }
                result.maxY[l] = y;
            }
        }
        return result;
    }

    boolean touchesBorder(int label) {
        return minX[label] == 0 || minY[label] == 0 || maxX[label] == width - 1 || maxY[label] == height - 1;
    }

    PixelBox box(int label) {
        return new PixelBox(minX[label], minY[label], maxX[label], maxY[label]);
    }

    /** Merges the sets of {@code current} and {@code neighbour}; 0 means none. */
    private static int join(int[] parent, int current, int neighbour) {
        if (neighbour == 0) {
            return current;
        }
        if (current == 0 || current == neighbour) {
            return neighbour;
        }
        int a = find(parent, current);
        int b = find(parent, neighbour);
        if (a < b) {
            parent[b] = a;
            return a;
        }
        parent[a] = b;
        return b;
    }

    private static int find(int[] parent, int l) {
        while (parent[l] != l) {
            parent[l] = parent[parent[l]];
            l = parent[l];
        }
        return l;
    }
}
