package io.radgate.imaging;

import java.util.Arrays;

/**
 * Where a frame lies in the patient coordinate system (Image Plane module): position of the
 * first pixel's centre, row and column direction cosines, pixel spacing (row spacing, column
 * spacing) and slice thickness, all in mm. Arrays are null (thickness NaN) when the file did
 * not carry them. Arrays are copied in and out.
 */
public final class InstancePlane {
    /** Orientation cosines must have a unit-length cross product within this tolerance. */
    private static final double UNIT_TOLERANCE = 1e-2;

    private final double[] position;
    private final double[] orientation;
    private final double[] pixelSpacing;
    private final double sliceThickness;

    public InstancePlane(double[] position, double[] orientation, double[] pixelSpacing, double sliceThickness) {
        this.position = position != null && position.length == 3 ? position.clone() : null;
        this.orientation = orientation != null && orientation.length == 6 ? orientation.clone() : null;
        this.pixelSpacing = pixelSpacing != null && pixelSpacing.length == 2 ? pixelSpacing.clone() : null;
        this.sliceThickness = sliceThickness;
    }

    public static InstancePlane unknown() {
        return new InstancePlane(null, null, null, Double.NaN);
    }

    /** ImagePositionPatient (x, y, z), or null. */
    public double[] position() {
        return position == null ? null : position.clone();
    }

    /** ImageOrientationPatient (row x, y, z, column x, y, z), or null. */
    public double[] orientation() {
        return orientation == null ? null : orientation.clone();
    }

    /** PixelSpacing (between rows, between columns), or null. */
    public double[] pixelSpacing() {
        return pixelSpacing == null ? null : pixelSpacing.clone();
    }

    public double sliceThickness() {
        return sliceThickness;
    }

    /**
     * The slice normal, row direction × column direction, normalised; null when the orientation
     * is missing or degenerate (cosines not unit length or not orthogonal, NaN).
     */
    public double[] normal() {
        if (orientation == null) {
            return null;
        }
        double[] r = {orientation[0], orientation[1], orientation[2]};
        double[] c = {orientation[3], orientation[4], orientation[5]};
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        if (!(Math.abs(norm(r) - 1) < UNIT_TOLERANCE && Math.abs(norm(c) - 1) < UNIT_TOLERANCE
                && Math.abs(len - 1) < UNIT_TOLERANCE)) {
            return null;
        }
        return new double[] {n[0] / len, n[1] / len, n[2] / len};
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /** A copy with another position (per-frame positions of enhanced multi-frame files). */
    InstancePlane withPosition(double[] newPosition) {
        return new InstancePlane(newPosition, orientation, pixelSpacing, sliceThickness);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstancePlane p && Arrays.equals(position, p.position)
                && Arrays.equals(orientation, p.orientation) && Arrays.equals(pixelSpacing, p.pixelSpacing)
                && Double.compare(sliceThickness, p.sliceThickness) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(position) + Arrays.hashCode(orientation)) + Arrays.hashCode(pixelSpacing);
    }

    @Override
    public String toString() {
        return "InstancePlane[position=" + Arrays.toString(position) + ", orientation=" + Arrays.toString(orientation)
                + ", pixelSpacing=" + Arrays.toString(pixelSpacing) + ", sliceThickness=" + sliceThickness + "]";
    }
}
