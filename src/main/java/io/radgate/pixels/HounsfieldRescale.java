package io.radgate.pixels;

import io.radgate.imaging.Raster;

/**
 * Modality rescale (DICOM PS3.3 C.11.1): stored values to output units, Hounsfield units for
 * CT: {@code value = stored · slope + intercept}, as float32
 * ({@code fl(fl(stored · slope) + intercept)}, see {@link PixelKernels#rescale}).
 */
public final class HounsfieldRescale {
    private HounsfieldRescale() {
    }

    /** Rescales with the {@linkplain PixelKernelSelection#selected() selected} kernels. */
    public static Raster apply(Raster stored, double slope, double intercept) {
        return apply(stored, slope, intercept, PixelKernelSelection.selected());
    }

    /**
     * A float raster of the same size and channels: each sample {@code stored · slope + intercept}.
     * U16 and S16 go through the kernels; U8 and F32 are rare here and use a plain loop with the
     * same float32 arithmetic.
     */
    public static Raster apply(Raster stored, double slope, double intercept, PixelKernels kernels) {
        if (!Double.isFinite(slope) || !Double.isFinite(intercept) || slope == 0) {
            throw new IllegalArgumentException("rescale slope " + slope + " / intercept " + intercept + " is not usable");
        }
        float s = (float) slope;
        float b = (float) intercept;
        float[] out = switch (stored.type()) {
            case U16 -> kernels.rescale(stored.shortSamples(), true, s, b);
            case S16 -> kernels.rescale(stored.shortSamples(), false, s, b);
            case U8, F32 -> {
                float[] values = new float[stored.sampleCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) stored.sample(i) * s + b;
                }
                yield values;
            }
        };
        return Raster.f32(stored.width(), stored.height(), stored.channels(), out);
    }
}
