package io.radgate.imaging;

/**
 * A decoded raster image file (PNG, JPEG, TIFF, BMP), pixels exactly as stored:
 * <ul>
 *   <li>gray: 1 channel; gray + alpha: 2 channels (gray, alpha)</li>
 *   <li>colour: 3 channels R, G, B; with alpha: 4 channels R, G, B, A. Alpha is KEPT, never
 *       composited: callers that want RGB drop channel 3 (or composite) themselves.</li>
 *   <li>a palette is expanded to RGB (RGBA when the palette has transparency); a palette of
 *       opaque grays, as low-bit-depth gray PNGs and bilevel TIFFs are decoded, gives gray</li>
 *   <li>8-bit samples are {@link Raster.Type#U8}, 16-bit {@link Raster.Type#U16} (signed
 *       16-bit TIFF {@link Raster.Type#S16}), floating-point TIFF {@link Raster.Type#F32}</li>
 * </ul>
 * Rows are as stored, top first: {@code orientation} (EXIF/TIFF tag 274, 1..8; 1 = as
 * stored) is reported, not applied, as ImageIO and Pillow do; {@link ImageFileOrientation}
 * applies it. Only the first image of a multi-page TIFF is read.
 *
 * @param alphaPremultiplied whether colour samples are premultiplied by alpha (TIFF associated alpha)
 */
public record ImageFile(ImageFileFormat format, Raster raster, int orientation, boolean alphaPremultiplied) {

    /** Whether the last channel is alpha. */
    public boolean hasAlpha() {
        return raster.channels() == 2 || raster.channels() == 4;
    }
}
