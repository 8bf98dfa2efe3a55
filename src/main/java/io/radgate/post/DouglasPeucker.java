package io.radgate.post;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Douglas–Peucker (Ramer) simplification of closed rings and open polylines: a point is kept
 * when it lies farther than {@code tolerance} pixels from the segment joining the kept points
 * around it. Tolerance 0 removes exactly the points on straight runs (and the way back along a
 * one-pixel spur), in linear time; a negative tolerance changes nothing.
 *
 * <p>Douglas–Peucker is quadratic in the worst case (a long, gently sloping staircase), so
 * long chains are simplified in pieces of at most {@value #PIECE} points whose ends are kept:
 * at most one extra vertex per {@value #PIECE} boundary points, and work bounded by
 * {@value #PIECE} distance checks per point. Iterative, so no boundary overflows the stack.
 * Simplification keeps the ring's direction but, with large tolerances, may let a thin shape
 * collapse to two points or its edges cross.
 */
public final class DouglasPeucker {
    static final int PIECE = 1024;

    private DouglasPeucker() {
    }

    /** A closed ring (first point not repeated). */
    public static Ring simplify(Ring ring, double tolerance) {
        if (tolerance < 0 || ring.size() <= 2) {
            return ring;
        }
        List<PixelPoint> p = dropStraightRuns(ring.points(), true);
        int n = p.size();
        if (tolerance == 0 || n <= 3) {
            return new Ring(p);
        }
        // split the ring at its first point and the point farthest from it; both are kept
        int far = 0;
        long farD = -1;
        for (int i = 1; i < n; i++) {
            long dx = p.get(i).x() - p.get(0).x();
            long dy = p.get(i).y() - p.get(0).y();
            if (dx * dx + dy * dy > farD) {
                farD = dx * dx + dy * dy;
                far = i;
            }
        }
        boolean[] keep = new boolean[n + 1];
        keep[0] = true;
        keep[far] = true;
        keep[n] = true;
        mark(p, 0, far, tolerance, keep);
        mark(p, far, n, tolerance, keep);
        List<PixelPoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out.add(p.get(i));
            }
        }
        // the first point was kept only because the ring was cut there; drop it if it is not a corner
        if (out.size() > 3 && distanceSquared(out.get(0), out.get(out.size() - 1), out.get(1)) <= tolerance * tolerance) {
            out.remove(0);
        }
        return new Ring(out);
    }

    /** An open polyline: both end points are always kept. */
    public static List<PixelPoint> simplifyOpen(List<PixelPoint> line, double tolerance) {
        if (tolerance < 0 || line.size() <= 2) {
            return List.copyOf(line);
        }
        List<PixelPoint> p = dropStraightRuns(line, false);
        int n = p.size();
        if (tolerance == 0 || n <= 2) {
            return p;
        }
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        mark(p, 0, n - 1, tolerance, keep);
        List<PixelPoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out.add(p.get(i));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Drops every point that lies on the segment between its kept predecessor and its
     * successor (repeats included): the tolerance-0 result, in one pass. In a ring, the first
     * point is checked last, against the final kept point and the new first point.
     */
    private static List<PixelPoint> dropStraightRuns(List<PixelPoint> p, boolean closed) {
        int n = p.size();
        List<PixelPoint> out = new ArrayList<>(n);
        out.add(p.get(0));
        for (int i = 1; i < n; i++) {
            PixelPoint next = i + 1 < n ? p.get(i + 1) : closed ? out.get(0) : null;
            if (next != null && distanceSquared(p.get(i), out.get(out.size() - 1), next) == 0) {
                continue;
            }
            out.add(p.get(i));
        }
        if (closed) {
            while (out.size() > 2 && distanceSquared(out.get(0), out.get(out.size() - 1), out.get(1)) == 0) {
                out.remove(0);
            }
            if (out.size() == 2 && out.get(0).equals(out.get(1))) {
                out.remove(1);
            }
        }
        return List.copyOf(out);
    }

    /** Marks kept points strictly between {@code from} and {@code to}; index n means point 0 again. */
    private static void mark(List<PixelPoint> p, int from, int to, double tolerance, boolean[] keep) {
        for (int start = from; start < to; start += PIECE) {
            int end = Math.min(start + PIECE, to);
            keep[end] = true;
            markPiece(p, start, end, tolerance * tolerance, keep);
        }
    }

    private static void markPiece(List<PixelPoint> p, int from, int to, double tol2, boolean[] keep) {
        int n = p.size();
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = from;
        stack[top++] = to;
        while (top > 0) {
            int b = stack[--top];
            int a = stack[--top];
            PixelPoint pa = p.get(a % n);
            PixelPoint pb = p.get(b % n);
            int worst = -1;
            double worstD = tol2;
            for (int i = a + 1; i < b; i++) {
                double d = distanceSquared(p.get(i % n), pa, pb);
                if (d > worstD) {
                    worstD = d;
                    worst = i;
                }
            }
            if (worst < 0) {
                continue;
            }
            keep[worst] = true;
            if (top + 4 > stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
            }
            stack[top++] = a;
            stack[top++] = worst;
            stack[top++] = worst;
            stack[top++] = b;
        }
    }

    /** Squared distance from {@code q} to the segment {@code a b}. */
    static double distanceSquared(PixelPoint q, PixelPoint a, PixelPoint b) {
        long abx = b.x() - a.x();
        long aby = b.y() - a.y();
        long aqx = q.x() - a.x();
        long aqy = q.y() - a.y();
        long len2 = abx * abx + aby * aby;
        long dot = aqx * abx + aqy * aby;
        if (len2 == 0 || dot <= 0) {
            return aqx * aqx + aqy * aqy;
        }
        if (dot >= len2) {
            long bqx = q.x() - b.x();
            long bqy = q.y() - b.y();
            return bqx * bqx + bqy * bqy;
        }
        double cross = aqx * aby - aqy * abx;
        return cross * cross / len2;
    }
}
