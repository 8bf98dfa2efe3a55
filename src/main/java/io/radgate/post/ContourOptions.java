package io.radgate.post;

/**
 * How {@link ContourTracer} reports boundaries.
 *
 * @param holes        whether holes get rings of their own
 * @param minArea      regions with fewer pixels are skipped (pixel count, not polygon area)
 * @param minHoleArea  holes with fewer (background) pixels get no ring
 * @param tolerance    Douglas–Peucker tolerance in pixels: 0 keeps every corner and drops only
 *                     points on straight runs (lossless); negative keeps every boundary pixel
 */
public record ContourOptions(boolean holes, int minArea, int minHoleArea, double tolerance) {

    /** Holes on, every region and hole kept, lossless corner-only rings. */
    public static final ContourOptions DEFAULT = new ContourOptions(true, 1, 1, 0);

    public ContourOptions {
        if (Double.isNaN(tolerance)) {
            throw new IllegalArgumentException("tolerance is NaN");
        }
    }

    public ContourOptions withTolerance(double pixels) {
        return new ContourOptions(holes, minArea, minHoleArea, pixels);
    }

    public ContourOptions withMinArea(int pixels) {
        return new ContourOptions(holes, pixels, minHoleArea, tolerance);
    }

    public ContourOptions withHoles(boolean on) {
        return new ContourOptions(on, minArea, minHoleArea, tolerance);
    }
}
