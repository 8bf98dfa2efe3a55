package io.radgate.pixels;

/**
 * The geometric part of preprocessing, recorded so that results can be mapped back onto the
 * original pixels. An axis-aligned scale and offset in CONTINUOUS pixel coordinates, where
 * pixel {@code (i, j)} covers {@code [i, i+1) × [j, j+1)} and its centre is
 * {@code (i + 0.5, j + 0.5)}:
 *
 * <pre>  x_model = x_orig * scaleX + offsetX      y_model = y_orig * scaleY + offsetY</pre>
 *
 * Letterbox (resize keeping aspect, centred pad) and pad-then-resize are both of this form,
 * and so is any composition of them.
 */
public record GeometricTransform(int srcWidth, int srcHeight, int dstWidth, int dstHeight,
                                 double scaleX, double scaleY, double offsetX, double offsetY) {

    public GeometricTransform {
        if (srcWidth <= 0 || srcHeight <= 0 || dstWidth <= 0 || dstHeight <= 0) {
            throw new IllegalArgumentException("transform sizes must be positive");
        }
        if (!(scaleX > 0) || !(scaleY > 0)) {
            throw new IllegalArgumentException("transform scales must be positive");
        }
    }

    public static GeometricTransform identity(int width, int height) {
        return new GeometricTransform(width, height, width, height, 1, 1, 0, 0);
    }

    /**
     * Resizing a {@code width × height} image to {@code newWidth × newHeight} (bilinear with
     * half-pixel centres): the scales are exactly {@code newWidth / width} and
     * {@code newHeight / height}, the offsets 0.
     */
    public static GeometricTransform resize(int width, int height, int newWidth, int newHeight) {
        return new GeometricTransform(width, height, newWidth, newHeight,
                (double) newWidth / width, (double) newHeight / height, 0, 0);
    }

    /**
     * Placing a {@code width × height} image with its top-left corner at {@code (left, top)} of a
     * {@code canvasWidth × canvasHeight} canvas: padding where the offsets are positive, cropping
     * where they are negative. Scale 1, offsets {@code left, top}.
     */
    public static GeometricTransform place(int width, int height, int canvasWidth, int canvasHeight,
                                           int left, int top) {
        return new GeometricTransform(width, height, canvasWidth, canvasHeight, 1, 1, left, top);
    }

    /**
     * Letterbox to {@code n × n}: the long side becomes {@code n}, the short side
     * {@link #fittedLength round(side · n / longSide)} (at least 1), and the resized image is
     * centred with {@code floor((n - newSide) / 2)} black pixels before it. Scales are exactly
     * {@code newWidth / width} and {@code newHeight / height}; offsets are the pads.
     */
    public static GeometricTransform letterbox(int width, int height, int n) {
        int longSide = Math.max(width, height);
        int newWidth = fittedLength(width, longSide, n);
        int newHeight = fittedLength(height, longSide, n);
        return resize(width, height, newWidth, newHeight)
                .then(place(newWidth, newHeight, n, n, (n - newWidth) / 2, (n - newHeight) / 2));
    }

    /**
     * MedImageParse's preparation: pad to a square of side {@code max(width, height)} with
     * {@code diff / 2} (floor) pixels on the first side (left or top) and the rest on the other,
     * then resize the square to {@code n × n}. Both scales are {@code n / side}.
     */
    public static GeometricTransform padThenResize(int width, int height, int n) {
        int side = Math.max(width, height);
        return place(width, height, side, side, (side - width) / 2, (side - height) / 2)
                .then(resize(side, side, n, n));
    }

    /** The letterbox rounding: {@code round(side · n / longSide)} (half up), at least 1. */
    static int fittedLength(int side, int longSide, int n) {
        if (side <= 0 || longSide < side || n <= 0) {
            throw new IllegalArgumentException("cannot fit " + side + " of " + longSide + " into " + n);
        }
        return (int) Math.max(1, Math.round((double) side * n / longSide));
    }

    public double toModelX(double x) {
        return x * scaleX + offsetX;
    }

    public double toModelY(double y) {
        return y * scaleY + offsetY;
    }

    public double toOriginalX(double x) {
        return (x - offsetX) / scaleX;
    }

    public double toOriginalY(double y) {
        return (y - offsetY) / scaleY;
    }

    /** This transform followed by {@code next} (whose source is this one's destination). */
    public GeometricTransform then(GeometricTransform next) {
        if (next.srcWidth != dstWidth || next.srcHeight != dstHeight) {
            throw new IllegalArgumentException("cannot chain " + this + " with " + next);
        }
        return new GeometricTransform(srcWidth, srcHeight, next.dstWidth, next.dstHeight,
                scaleX * next.scaleX, scaleY * next.scaleY,
                offsetX * next.scaleX + next.offsetX, offsetY * next.scaleY + next.offsetY);
    }
}
