package io.radgate.pixels;

/**
 * A VOI window (DICOM PS3.3 C.11.2.1.2 and C.11.2.1.3): which input values span the output
 * range. Two functions:
 * <ul>
 *   <li>{@link Function#LINEAR}, DICOM's default for Window Center/Width (C.11.2.1.2.1), with its
 *       -0.5 and (width - 1) terms:
 *       <pre>
 * x &lt;= c - 0.5 - (w - 1) / 2  →  y = ymin
 * x &gt;  c - 0.5 + (w - 1) / 2  →  y = ymax
 * otherwise                    →  y = ((x - (c - 0.5)) / (w - 1) + 0.5) · (ymax - ymin) + ymin</pre>
 *       with {@code w >= 1}; {@code w = 1} is a threshold at {@code c - 0.5}.</li>
 *   <li>{@link Function#LINEAR_EXACT} (C.11.2.1.3.2), the simple min/max window
 *       {@code [c - w/2, c + w/2]}:
 *       <pre>
 * x &lt;= c - w/2  →  ymin;   x &gt; c + w/2  →  ymax;   otherwise ((x - c) / w + 0.5) · (ymax - ymin) + ymin</pre>
 *       {@link #range(double, double)} builds it from the two ends. Width 0 (a range whose
 *       ends are equal) is a threshold at {@code c}.</li>
 * </ul>
 * {@link #apply} is the exact formula in float64. For uint8 output the hot path uses the same
 * straight line as a float32 affine map, clamped ({@link #u8Scale()}, {@link #u8Offset()}):
 * between the thresholds the line is the formula, and it reaches 0 and 255 exactly at them.
 */
public record VoiWindow(double center, double width, Function function) {

    /** DICOM's VOI LUT Function (0028,1056) values radgate implements. */
    public enum Function { LINEAR, LINEAR_EXACT }

    public VoiWindow {
        if (!Double.isFinite(center) || !Double.isFinite(width) || function == null) {
            throw new IllegalArgumentException("window " + center + "/" + width + " is not usable");
        }
        if (function == Function.LINEAR ? width < 1 : width < 0) {
            throw new IllegalArgumentException("window width " + width + " is below "
                    + (function == Function.LINEAR ? "1 (DICOM LINEAR)" : "0"));
        }
    }

    /** DICOM LINEAR, the meaning of Window Center / Window Width when no function is given. */
    public static VoiWindow linear(double center, double width) {
        return new VoiWindow(center, width, Function.LINEAR);
    }

    /** DICOM LINEAR_EXACT: the window {@code [center - width/2, center + width/2]}. */
    public static VoiWindow linearExact(double center, double width) {
        return new VoiWindow(center, width, Function.LINEAR_EXACT);
    }

    /** The simple min/max window: {@code low} → ymin, {@code high} → ymax, linear between. */
    public static VoiWindow range(double low, double high) {
        if (!(high >= low)) {
            throw new IllegalArgumentException("window range [" + low + ", " + high + "] is empty");
        }
        return new VoiWindow((low + high) / 2, high - low, Function.LINEAR_EXACT);
    }

    /** Whether the window is a threshold (LINEAR width 1, LINEAR_EXACT width 0). */
    public boolean isThreshold() {
        return function == Function.LINEAR ? width == 1 : width == 0;
    }

    /** Values {@code <=} this map to ymin; values above it to ymax when {@link #isThreshold()}. */
    public double lowerEdge() {
        return function == Function.LINEAR ? center - 0.5 - (width - 1) / 2 : center - width / 2;
    }

    /** Values {@code >} this map to ymax. */
    public double upperEdge() {
        return function == Function.LINEAR ? center - 0.5 + (width - 1) / 2 : center + width / 2;
    }

    /** The exact formula (see the class comment), in float64. */
    public double apply(double x, double yMin, double yMax) {
        if (x <= lowerEdge()) {
            return yMin;
        }
        if (x > upperEdge()) {
            return yMax;
        }
        double t = function == Function.LINEAR
                ? (x - (center - 0.5)) / (width - 1) + 0.5
                : (x - center) / width + 0.5;
        return t * (yMax - yMin) + yMin;
    }

    /** Slope of the uint8 line (ymin 0, ymax 255), in float32; not for thresholds. */
    public float u8Scale() {
        requireLine();
        return (float) (255.0 / (function == Function.LINEAR ? width - 1 : width));
    }

    /** Intercept of the uint8 line: {@code 127.5 - c' · 255 / w'}, in float32; not for thresholds. */
    public float u8Offset() {
        requireLine();
        double c = function == Function.LINEAR ? center - 0.5 : center;
        double w = function == Function.LINEAR ? width - 1 : width;
        return (float) (127.5 - c * 255.0 / w);
    }

    private void requireLine() {
        if (isThreshold()) {
            throw new IllegalStateException("window " + this + " is a threshold, not a line");
        }
    }
}
