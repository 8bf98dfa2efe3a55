package io.radgate.post;

import io.radgate.pixels.GeometricTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Test geometry written here rather than borrowed from the preprocessing code, so that the
 * tests check the back-mapping against an independent statement of the forward transform.
 */
final class Phantoms {
    private Phantoms() {
    }

    /**
     * An L off centre: a vertical bar in the left third and a foot towards the right, low in
     * the image, so that a flip, a transpose or a shift by one pixel all change it.
     */
    static byte[] lShape(int w, int h, int value) {
        byte[] m = new byte[w * h];
        int x0 = w / 5;
        int barRight = x0 + Math.max(2, w / 6);
        int footRight = w * 3 / 5;
        int y0 = h / 6;
        int y1 = h * 3 / 4;
        int footTop = y1 - Math.max(2, h / 8);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < (y >= footTop ? footRight : barRight); x++) {
                m[y * w + x] = (byte) value;
            }
        }
        return m;
    }

    /** Resize keeping aspect so the long side is n, whole-pixel black pad centred (extra pixel last). */
    static GeometricTransform letterbox(int w, int h, int n) {
        double s = (double) n / Math.max(w, h);
        int newW = (int) Math.round(w * s);
        int newH = (int) Math.round(h * s);
        return new GeometricTransform(w, h, n, n, (double) newW / w, (double) newH / h,
                (n - newW) / 2, (n - newH) / 2);
    }

    /** MedImageParse's order: pad to square (diff // 2 before), then resize the square to n × n. */
    static GeometricTransform padThenResize(int w, int h, int n) {
        int side = Math.max(w, h);
        GeometricTransform pad = new GeometricTransform(w, h, side, side, 1, 1, (side - w) / 2, (side - h) / 2);
        double s = (double) n / side;
        return pad.then(new GeometricTransform(side, side, n, n, s, s, 0, 0));
    }

    /** Forward nearest-neighbour resampling of an original slice into model space; padding is 0. */
    static byte[] toModel(byte[] original, GeometricTransform t) {
        int w = t.srcWidth();
        int h = t.srcHeight();
        byte[] model = new byte[t.dstWidth() * t.dstHeight()];
        for (int my = 0; my < t.dstHeight(); my++) {
            int oy = (int) Math.floor(t.toOriginalY(my + 0.5));
            for (int mx = 0; mx < t.dstWidth(); mx++) {
                int ox = (int) Math.floor(t.toOriginalX(mx + 0.5));
                if (ox >= 0 && oy >= 0 && ox < w && oy < h) {
                    model[my * t.dstWidth() + mx] = original[oy * w + ox];
                }
            }
        }
        return model;
    }

    /** A mask drawn as text: '#' is 1, anything else 0; every row the same length. */
    static ByteMask draw(String... rows) {
        int w = rows[0].length();
        byte[] m = new byte[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            if (rows[y].length() != w) {
                throw new IllegalArgumentException("row " + y + " has length " + rows[y].length());
            }
            for (int x = 0; x < w; x++) {
                m[y * w + x] = (byte) (rows[y].charAt(x) == '#' ? 1 : 0);
            }
        }
        return new ByteMask(w, rows.length, 1, m);
    }

    static List<PixelPoint> points(int... xy) {
        List<PixelPoint> p = new ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            p.add(new PixelPoint(xy[i], xy[i + 1]));
        }
        return p;
    }

    /** Pixels whose 3×3 neighbourhood is not all one value: the 1-pixel band around every boundary. */
    static boolean[] boundaryBand(byte[] m, int w, int h) {
        boolean[] band = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = m[y * w + x];
                for (int dy = -1; dy <= 1 && !band[y * w + x]; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h && m[ny * w + nx] != v) {
                            band[y * w + x] = true;
                            break;
                        }
                    }
                }
            }
        }
        return band;
    }

    /**
     * cv2.fillPoly's reading of a ring of pixel centres: the pixels whose centre is inside the
     * polygon or on its edge ({@code inclusive}), or strictly inside it (not {@code inclusive}).
     */
    static boolean[] fill(Ring ring, int w, int h, boolean inclusive) {
        boolean[] out = new boolean[w * h];
        List<PixelPoint> p = ring.points();
        int n = p.size();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean onEdge = false;
                boolean inside = false;
                for (int i = 0, j = n - 1; i < n; j = i++) {
                    PixelPoint a = p.get(i);
                    PixelPoint b = p.get(j);
                    long cross = (long) (b.x() - a.x()) * (y - a.y()) - (long) (b.y() - a.y()) * (x - a.x());
                    if (cross == 0 && x >= Math.min(a.x(), b.x()) && x <= Math.max(a.x(), b.x())
                            && y >= Math.min(a.y(), b.y()) && y <= Math.max(a.y(), b.y())) {
                        onEdge = true;
                    }
                    if ((a.y() > y) != (b.y() > y)
                            && x < (double) (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                        inside = !inside;
                    }
                }
                out[y * w + x] = onEdge ? inclusive : inside;
            }
        }
        return out;
    }
}
