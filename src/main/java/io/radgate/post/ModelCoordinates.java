package io.radgate.post;

import io.radgate.pixels.GeometricTransform;
import java.util.Optional;

/**
 * Detector boxes and points given in model-input coordinates, mapped onto the original image
 * through the inverse of the recorded transform and clamped to it.
 *
 * <p>Rounding rule for boxes: the result holds every original pixel that the box overlaps
 * with positive area ({@code floor} of the left/top edge, {@code ceil} of the right/bottom edge
 * minus one), so a detection is never cut short by rounding. Edges within 1e-6 pixel of a pixel
 * boundary snap to it first, so that a box which came from whole original pixels maps back to
 * exactly those pixels despite floating-point error.
 */
public final class ModelCoordinates {

    private static final double SNAP = 1e-6;

    private ModelCoordinates() {
    }

    /**
     * A box given by its EDGES in continuous model coordinates ({@code x1, y1, x2, y2}, as
     * detectors report them: the whole model image is {@code 0, 0, W, H}), corners in any order.
     * Empty when the box lies entirely outside the original image (in the padding, say).
     */
    public static Optional<PixelBox> box(double x1, double y1, double x2, double y2, GeometricTransform t) {
        if (!Double.isFinite(x1) || !Double.isFinite(y1) || !Double.isFinite(x2) || !Double.isFinite(y2)) {
            return Optional.empty();
        }
        double ox1 = t.toOriginalX(Math.min(x1, x2));
        double ox2 = t.toOriginalX(Math.max(x1, x2));
        double oy1 = t.toOriginalY(Math.min(y1, y2));
        double oy2 = t.toOriginalY(Math.max(y1, y2));
        if (ox2 < 0 || oy2 < 0 || ox1 > t.srcWidth() || oy1 > t.srcHeight()) {
            return Optional.empty();
        }
        int[] xs = pixelRange(ox1, ox2, t.srcWidth());
        int[] ys = pixelRange(oy1, oy2, t.srcHeight());
        if (xs == null || ys == null) {
            return Optional.empty();
        }
        return Optional.of(new PixelBox(xs[0], ys[0], xs[1], ys[1]));
    }

    /** A box of whole model pixels (inclusive indices), e.g. a component found in model space. */
    public static Optional<PixelBox> box(PixelBox modelPixels, GeometricTransform t) {
        return box(modelPixels.xMin(), modelPixels.yMin(), modelPixels.xMax() + 1.0, modelPixels.yMax() + 1.0, t);
    }

    /**
     * A point given as model pixel indices (possibly fractional, centre convention) to the
     * original pixel whose square contains it, clamped to the image.
     */
    public static PixelPoint point(double modelX, double modelY, GeometricTransform t) {
        return new PixelPoint(clampIndex(t.toOriginalX(modelX + 0.5), t.srcWidth()),
                clampIndex(t.toOriginalY(modelY + 0.5), t.srcHeight()));
    }

    /** Inclusive pixel range {min, max} overlapped by the continuous interval [a, b], or null. */
    private static int[] pixelRange(double a, double b, int length) {
        int lo = (int) Math.floor(snap(a));
        int hi = (int) Math.ceil(snap(b)) - 1;
        if (hi < lo) {
            hi = lo; // a zero-width box still marks the pixel it sits on
        }
        lo = Math.max(lo, 0);
        hi = Math.min(hi, length - 1);
        return lo > hi ? null : new int[] {lo, hi};
    }

    private static int clampIndex(double continuous, int length) {
        double c = snap(continuous);
        if (!(c >= 0)) {
            return 0; // also NaN
        }
        return (int) Math.min(Math.floor(c), length - 1);
    }

    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < SNAP ? r : v;
    }
}
