package io.radgate.imaging;

/**
 * How an instance's decoded frames are laid out: the Image Pixel module as it applies to the
 * rasters radgate holds. {@code photometricInterpretation} is the one of the DECODED samples
 * (for example RGB for a JPEG baseline file whose header says YBR_FULL_422, because the
 * decoder converted it); {@code planarConfiguration} is the file's, although every
 * {@link Raster} is interleaved.
 */
public record InstancePixelFormat(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
                                  int pixelRepresentation, String photometricInterpretation, int planarConfiguration,
                                  int numberOfFrames) {

    /** PixelRepresentation 1: two's complement samples. */
    public boolean signed() {
        return pixelRepresentation == 1;
    }

    /** MONOCHROME1: the lowest value is white; preprocessing inverts it. */
    public boolean monochrome1() {
        return "MONOCHROME1".equals(photometricInterpretation);
    }

    /** Samples in one frame: rows × columns × samples per pixel. */
    public long frameSamples() {
        return (long) rows * columns * samplesPerPixel;
    }

    /** Bytes one frame takes uncompressed: rows × columns × samples × BitsAllocated / 8. */
    public long frameBytes() {
        return frameSamples() * (bitsAllocated / 8);
    }

    /** The raster type the frames are stored in: U8, U16 or S16 (signed 8-bit widens to S16). */
    public Raster.Type rasterType() {
        if (bitsAllocated == 8 && !signed()) {
            return Raster.Type.U8;
        }
        return signed() ? Raster.Type.S16 : Raster.Type.U16;
    }
}
