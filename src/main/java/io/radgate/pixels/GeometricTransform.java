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
