package io.radgate.pixels;

import io.radgate.imaging.Raster;

/**
 * Fitting a uint8 image into an {@code n × n} model input, keeping its aspect ratio, resampled
 * bilinearly with half-pixel centres ({@link PixelKernels#resizeBilinearU8}); every channel is
 * resized on its own.
 * <ul>
 *   <li>{@link #fit}: resize so the long side is {@code n} and the short side
 *       {@code round(side · n / longSide)}, then centre it on black
 *       ({@link GeometricTransform#letterbox}).</li>
 *   <li>{@link #padThenResize}: MedImageParse's way: pad to a square with black,
 *       {@code diff / 2} on the first side, then resize the square to {@code n}
 *       ({@link GeometricTransform#padThenResize}).</li>
 * </ul>
 * The recorded transforms' scales are exactly {@code newWidth / width}, {@code newHeight / height}.
 */
public final class Letterbox {
    private Letterbox() {
    }

    public static TransformedRaster fit(Raster u8, int n) {
        return fit(u8, n, PixelKernelSelection.selected());
    }

    public static TransformedRaster fit(Raster u8, int n, PixelKernels kernels) {
        requireU8(u8, n);
        GeometricTransform t = GeometricTransform.letterbox(u8.width(), u8.height(), n);
        int longSide = Math.max(u8.width(), u8.height());
        int newWidth = GeometricTransform.fittedLength(u8.width(), longSide, n);
        int newHeight = GeometricTransform.fittedLength(u8.height(), longSide, n);
        PixelKernels.Canvas canvas = new PixelKernels.Canvas(n, n, (int) t.offsetX(), (int) t.offsetY());
        return new TransformedRaster(resizeChannels(u8, newWidth, newHeight, canvas, kernels), t);
    }

    public static TransformedRaster padThenResize(Raster u8, int n) {
        return padThenResize(u8, n, PixelKernelSelection.selected());
    }

    public static TransformedRaster padThenResize(Raster u8, int n, PixelKernels kernels) {
        requireU8(u8, n);
        int side = Math.max(u8.width(), u8.height());
        Raster square = pad(u8, side, (side - u8.width()) / 2, (side - u8.height()) / 2);
        Raster resized = resizeChannels(square, n, n, PixelKernels.Canvas.exactly(n, n), kernels);
        return new TransformedRaster(resized, GeometricTransform.padThenResize(u8.width(), u8.height(), n));
    }

    /** {@code image} on a black {@code side × side} canvas at {@code (left, top)}. */
    static Raster pad(Raster image, int side, int left, int top) {
        int c = image.channels();
        if (image.width() == side && image.height() == side) {
            return image;
        }
        byte[] in = image.u8Samples();
        byte[] out = new byte[side * side * c];
        int row = image.width() * c;
        for (int y = 0; y < image.height(); y++) {
            System.arraycopy(in, y * row, out, ((top + y) * side + left) * c, row);
        }
        return Raster.u8(side, side, c, out);
    }

    private static Raster resizeChannels(Raster u8, int newWidth, int newHeight, PixelKernels.Canvas canvas,
                                         PixelKernels kernels) {
        int c = u8.channels();
        byte[] in = u8.u8Samples();
        if (c == 1) {
            byte[] out = kernels.resizeBilinearU8(in, u8.width(), u8.height(), newWidth, newHeight, canvas);
            return Raster.u8(canvas.width(), canvas.height(), 1, out);
        }
        int n = u8.width() * u8.height();
        int m = canvas.width() * canvas.height();
        byte[] out = new byte[m * c];
        byte[] plane = new byte[n];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n; i++) {
                plane[i] = in[i * c + ch];
            }
            byte[] resized = kernels.resizeBilinearU8(plane, u8.width(), u8.height(), newWidth, newHeight, canvas);
            for (int i = 0; i < m; i++) {
                out[i * c + ch] = resized[i];
            }
        }
        return Raster.u8(canvas.width(), canvas.height(), c, out);
    }

    private static void requireU8(Raster image, int n) {
        if (image.type() != Raster.Type.U8) {
            throw new IllegalArgumentException("letterbox takes uint8 images, not " + image.type()
                    + " (normalise with ToUint8 first)");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("letterbox size " + n + " is not positive");
        }
    }
}
