package io.radgate.pixels;

/**
 * The arithmetic hot loops of preprocessing, behind one interface so that they can run as plain
 * Java loops ({@link JavaPixelKernels}, the default) or as ND4J operations
 * ({@code Nd4jPixelKernels}, built only by the {@code nd4j} Maven profiles). Which one the steps
 * use is chosen by {@link PixelKernelSelection}.
 *
 * <p>Every implementation must give the SAME bits, so each method fixes its arithmetic exactly:
 * <ul>
 *   <li><b>float32 affine</b>: {@code fl(fl(x · a) + b)}: a multiply rounded to float, then an
 *       add rounded to float (never a fused multiply-add).</li>
 *   <li><b>to uint8</b>: round half up ({@code floor(t + 1/2)}, exact), then clamp to [0, 255];
 *       NaN becomes 0. (Half up and C's half-away-from-zero {@code roundf} agree on every value
 *       that survives the clamp.)</li>
 *   <li><b>bilinear resize</b>, half-pixel centres, edges clamped, as TensorFlow's and ND4J's
 *       {@code resize_bilinear(alignCorners=false, halfPixelCenters=true)} compute it: the scale
 *       {@code in / out} in float32; the source coordinate
 *       {@code src = fl(fl((dst + 0.5f) · scale) - 0.5f)} in float32; taps
 *       {@code max(floor(src), 0)} and {@code min(ceil(src), in - 1)} with the weight
 *       {@code src - floor(src)}; the interpolation
 *       {@code top = tl + (tr - tl)·wx; bottom = bl + (br - bl)·wx; top + (bottom - top)·wy}
 *       in float64, then rounded to float32.</li>
 * </ul>
 * Planes are single-channel, row-major ({@code x} fastest), top row first.
 */
public interface PixelKernels {

    /** Short name for logs and benchmarks: {@code java} or {@code nd4j}. */
    String name();

    /**
     * Stored values to float32: {@code fl(fl(v · slope) + intercept)} per sample, where {@code v}
     * is the stored value read as signed (S16) or unsigned (U16, {@code unsigned = true}).
     */
    float[] rescale(short[] stored, boolean unsigned, float slope, float intercept);

    /** {@code clamp(roundHalfUp(fl(fl(x · scale) + offset)), 0, 255)} per sample; NaN → 0. */
    byte[] linearToU8(float[] values, float scale, float offset);

    /** Bilinear resize (see the class comment) of a float plane; the result is float32. */
    float[] resizeBilinear(float[] plane, int width, int height, int newWidth, int newHeight);

    /**
     * Bilinear resize (see the class comment) of a uint8 plane, each result rounded half up to
     * uint8, placed on a black canvas: the returned array is {@code canvas.width() × canvas.height()}
     * with the resized image at {@code (canvas.left(), canvas.top())} and 0 elsewhere.
     */
    byte[] resizeBilinearU8(byte[] plane, int width, int height, int newWidth, int newHeight, Canvas canvas);

    /**
     * Where a resized image lands: on a {@code width × height} canvas, top-left corner at
     * {@code (left, top)}. The image must lie inside the canvas.
     */
    record Canvas(int width, int height, int left, int top) {
        public Canvas {
            if (width <= 0 || height <= 0 || left < 0 || top < 0) {
                throw new IllegalArgumentException("bad canvas " + width + "x" + height + " at " + left + "," + top);
            }
        }

        /** A canvas exactly the size of the image: no padding. */
        public static Canvas exactly(int width, int height) {
            return new Canvas(width, height, 0, 0);
        }

        /** Checks that a {@code w × h} image placed here lies inside the canvas. */
        public void requireHolds(int w, int h) {
            if ((long) left + w > width || (long) top + h > height) {
                throw new IllegalArgumentException("a " + w + "x" + h + " image at " + left + "," + top
                        + " does not fit a " + width + "x" + height + " canvas");
            }
        }
    }
}
