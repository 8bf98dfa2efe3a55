package io.radgate.post;

import java.util.ArrayList;
import java.util.List;

/**
 * A closed ring of pixel-index points; the first point is NOT repeated at the end. Outer
 * boundaries run clockwise as seen on screen (y down), holes counter-clockwise. A single
 * pixel is a ring of one point and a one-pixel-wide line a ring that goes out and back.
 */
public record Ring(List<PixelPoint> points) {

    public Ring {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one point");
        }
    }

    public int size() {
        return points.size();
    }

    /** The points with the first repeated at the end, for clients that draw open polylines. */
    public List<PixelPoint> closedPolyline() {
        List<PixelPoint> closed = new ArrayList<>(points.size() + 1);
        closed.addAll(points);
        closed.add(points.get(0));
        return closed;
    }

    /**
     * Twice the shoelace area in image coordinates (y down): positive for clockwise on screen,
     * negative for counter-clockwise, 0 for a point or a line. The area is of the polygon
     * through pixel centres, so a 3×3 square has area 4, not 9.
     */
    public long twiceSignedArea() {
        long sum = 0;
        int n = points.size();
        for (int i = 0; i < n; i++) {
            PixelPoint a = points.get(i);
            PixelPoint b = points.get((i + 1) % n);
            sum += (long) a.x() * b.y() - (long) b.x() * a.y();
        }
        return sum;
    }
}
