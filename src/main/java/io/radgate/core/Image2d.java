package io.radgate.core;

import io.radgate.imaging.Raster;

/**
 * One 2D image for a model: an id the protocol uses to match results back (a SOPInstanceUID
 * and frame, a row index), and its display-ready 8-bit grayscale pixels (1 channel).
 */
public record Image2d(String id, Raster gray) {
    public Image2d {
        if (gray.type() != Raster.Type.U8 || gray.channels() != 1) {
            throw new IllegalArgumentException("image " + id + " must be 8-bit grayscale, got " + gray);
        }
    }
}
