package io.radgate.post;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Boundaries of the regions of a binary 2D mask (non-zero = foreground) as rings of pixel
 * indices: one {@link RegionContour} per 8-connected region, with a ring for each hole (a
 * 4-connected background region that does not reach the image border; 8 for the regions and 4
 * for the holes is the pairing that keeps every boundary a simple closed curve). Vertices are
 * the centres of the region's boundary pixels, so {@code cv2.fillPoly} of an outer ring gives
 * back exactly the region's pixels (see the package docs for why pixel centres).
 *
 * <p>Hand-written (Moore-neighbour border following, with Jacob's stopping rule) because no
 * library radgate keeps does this in Java; OpenCV's findContours is the reference behaviour.
 * Regions come in the order of {@link ConnectedComponents}: best mean score first.
 */
public final class ContourTracer {

    /** Neighbour directions, clockwise on screen starting east: E, SE, S, SW, W, NW, N, NE. */
    private static final int[] DX = {1, 1, 0, -1, -1, -1, 0, 1};
    private static final int[] DY = {0, 1, 1, 1, 0, -1, -1, -1};
    private static final int WEST = 4;
    private static final int SOUTH = 2;

    private ContourTracer() {
    }

    /** Contours of slice {@code slice}; {@code probabilities} (same shape) may be null. */
    public static List<RegionContour> trace(ByteMask mask, int slice, ByteMask probabilities, ContourOptions options) {
        ConnectedComponents.checkSameShape(mask, probabilities);
        return trace(mask.data(), mask.sliceOffset(slice), mask.width(), mask.height(),
                probabilities == null ? null : probabilities.data(), options);
    }

    /** Contours of the {@code width × height} slice at {@code offset}; {@code probabilities} may be null. */
    public static List<RegionContour> trace(byte[] mask, int offset, int width, int height, byte[] probabilities,
                                            ContourOptions options) {
        if (probabilities != null && probabilities.length != mask.length) {
            throw new IllegalArgumentException("probabilities have " + probabilities.length + " values, mask "
                    + mask.length);
        }
        Labelling regions = Labelling.of(mask, offset, width, height, Connectivity.EIGHT, true);
        List<Component> components = ConnectedComponents.describe(regions, probabilities, offset, options.minArea());
        if (components.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<Ring>> holes = options.holes()
                ? traceHoles(mask, offset, regions, options) : Map.of();
        List<RegionContour> result = new ArrayList<>(components.size());
        for (Component c : components) {
            Ring outer = follow(regions, c.label(), regions.firstIndex[c.label()], WEST);
            result.add(new RegionContour(c, DouglasPeucker.simplify(outer, options.tolerance()),
                    holes.getOrDefault(c.label(), List.of())));
        }
        return result;
    }

    private static Map<Integer, List<Ring>> traceHoles(byte[] mask, int offset, Labelling regions,
                                                       ContourOptions options) {
        Labelling background = Labelling.of(mask, offset, regions.width, regions.height, Connectivity.FOUR, false);
        Map<Integer, List<Ring>> holes = new HashMap<>();
        for (int h = 1; h <= background.count; h++) {
            if (background.touchesBorder(h) || background.area[h] < options.minHoleArea()) {
                continue;
            }
            // The pixel above a hole's first pixel is foreground (were it background, it would
            // belong to the hole) and lies on the region that surrounds the hole.
            int start = background.firstIndex[h] - regions.width;
            int owner = regions.labels[start];
            if (regions.area[owner] < options.minArea()) {
                continue;
            }
            Ring ring = follow(regions, owner, start, SOUTH);
            holes.computeIfAbsent(owner, k -> new ArrayList<>())
                    .add(DouglasPeucker.simplify(ring, options.tolerance()));
        }
        return holes;
    }

    /**
     * Follows the boundary between region {@code label} and the background pixel that lies in
     * direction {@code backDir} of {@code start}, searching neighbours clockwise from that
     * background pixel; this walks outer boundaries clockwise and hole boundaries
     * counter-clockwise. Stops when about to leave the start pixel the way it first left it.
     */
    private static Ring follow(Labelling regions, int label, int start, int backDir) {
        int w = regions.width;
        int h = regions.height;
        int[] labels = regions.labels;
        int sx = start % w;
        int sy = start / w;
        int x = sx;
        int y = sy;
        int search = backDir;
        int firstDir = -1;
        List<PixelPoint> points = new ArrayList<>();
        points.add(new PixelPoint(x, y));
        // every boundary pixel is entered at most four times; the bound only guards against a bug
        long steps = 4L * regions.area[label] + 8;
        while (steps-- > 0) {
            int d = -1;
            for (int k = 1; k <= 8; k++) {
                int dd = (search + k) & 7;
                int nx = x + DX[dd];
                int ny = y + DY[dd];
                if (nx >= 0 && ny >= 0 && nx < w && ny < h && labels[ny * w + nx] == label) {
                    d = dd;
                    break;
                }
            }
            if (d < 0) {
                return new Ring(points); // a lone pixel
            }
            if (x == sx && y == sy) {
                if (firstDir < 0) {
                    firstDir = d;
                } else if (d == firstDir) {
                    points.remove(points.size() - 1); // back at the start: it is already first
                    return new Ring(points);
                }
            }
            x += DX[d];
            y += DY[d];
            points.add(new PixelPoint(x, y));
            // the background pixel checked just before d, seen from the new pixel
            search = (d + 6 - (d & 1)) & 7;
        }
        throw new IllegalStateException("boundary of region " + label + " did not close");
    }
}
