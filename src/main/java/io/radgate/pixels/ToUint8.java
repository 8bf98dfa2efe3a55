package io.radgate.pixels;

import io.radgate.imaging.Raster;

/**
 * Normalisation to uint8: a {@link VoiWindow} (ymin 0, ymax 255) or the percentiles of the image
 * itself, each value rounded half up and clamped to [0, 255] (see {@link PixelKernels#linearToU8}).
 * Inputs are values in output units (after {@link HounsfieldRescale}); a non-float raster is
 * read as its stored values.
 */
public final class ToUint8 {
    private ToUint8() {
    }

    /** Through {@code window} with the selected kernels. */
    public static Raster window(Raster values, VoiWindow window) {
        return window(values, window, PixelKernelSelection.selected());
    }

    /**
     * Through {@code window}: the window's line in float32, {@code fl(fl(x · u8Scale) + u8Offset)},
     * rounded half up and clamped; a threshold window gives 0 at or below its edge and 255 above.
     */
    public static Raster window(Raster values, VoiWindow window, PixelKernels kernels) {
        float[] x = floats(values, kernels);
        byte[] out;
        if (window.isThreshold()) {
            out = new byte[x.length];
            double edge = window.lowerEdge();
            for (int i = 0; i < x.length; i++) {
                out[i] = x[i] > edge ? (byte) 255 : 0;
            }
        } else {
            out = kernels.linearToU8(x, window.u8Scale(), window.u8Offset());
        }
        return Raster.u8(values.width(), values.height(), values.channels(), out);
    }

    /**
     * Through the window from the {@code pLow}-th to the {@code pHigh}-th percentile of the
     * image's own values ({@link Percentiles}, numpy's default), as MedImageParse's clients do for
     * non-CT images (0.5 and 99.5).
     */
    public static Raster percentiles(Raster values, double pLow, double pHigh) {
        return percentiles(values, pLow, pHigh, PixelKernelSelection.selected());
    }

    public static Raster percentiles(Raster values, double pLow, double pHigh, PixelKernels kernels) {
        if (!(pLow <= pHigh)) {
            throw new IllegalArgumentException("percentiles " + pLow + " > " + pHigh);
        }
        float[] x = floats(values, kernels);
        double[] range = Percentiles.of(x, pLow, pHigh);
        return window(Raster.f32(values.width(), values.height(), values.channels(), x),
                VoiWindow.range(range[0], range[1]), kernels);
    }

    private static float[] floats(Raster values, PixelKernels kernels) {
        return values.type() == Raster.Type.F32 ? values.f32Samples()
                : HounsfieldRescale.apply(values, 1, 0, kernels).f32Samples();
    }
}
