package io.radgate.pixels;

import io.radgate.imaging.Raster;

/**
 * The result of a geometric step: the new raster and the transform from the input's continuous
 * pixel coordinates to the new raster's ({@link GeometricTransform}); chain steps with
 * {@link #then}.
 */
public record TransformedRaster(Raster raster, GeometricTransform transform) {
    public TransformedRaster {
        if (raster.width() != transform.dstWidth() || raster.height() != transform.dstHeight()) {
            throw new IllegalArgumentException(raster + " does not match " + transform);
        }
    }

    /** A raster that no geometric step has touched yet. */
    public static TransformedRaster untouched(Raster raster) {
        return new TransformedRaster(raster, GeometricTransform.identity(raster.width(), raster.height()));
    }

    /** {@code next} applied to this raster, its transform composed after this one's. */
    public TransformedRaster then(java.util.function.Function<Raster, TransformedRaster> next) {
        TransformedRaster r = next.apply(raster);
        return new TransformedRaster(r.raster, transform.then(r.transform));
    }
}
