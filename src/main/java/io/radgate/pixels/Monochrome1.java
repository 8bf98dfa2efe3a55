package io.radgate.pixels;

import io.radgate.imaging.Raster;

/**
 * MONOCHROME1 (DICOM PS3.3 C.7.6.3.1.2): the minimum value is white. The VOI window applies to the
 * values as they are; the inversion comes after it, on the display values
 * ({@link #invertU8}: {@code 255 - v}). Where no window is applied (for example percentile
 * normalisation, which commutes with the inversion) {@link #invertStored} flips the stored range
 * instead.
 */
public final class Monochrome1 {
    private Monochrome1() {
    }

    /** {@code 255 - v} for every sample of a uint8 raster. */
    public static Raster invertU8(Raster u8) {
        byte[] in = u8.u8Samples();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (byte) (255 - (in[i] & 0xFF));
        }
        return Raster.u8(u8.width(), u8.height(), u8.channels(), out);
    }

    /**
     * Stored values mirrored within their range of {@code bitsStored} bits:
     * {@code (2^bits - 1) - v} unsigned (U8, U16), {@code -1 - v} signed (S16, whose range
     * {@code [-2^(bits-1), 2^(bits-1) - 1]} sums to -1).
     */
    public static Raster invertStored(Raster stored, int bitsStored) {
        int maxBits = stored.type() == Raster.Type.U8 ? 8 : 16;
        if (bitsStored < 1 || bitsStored > maxBits) {
            throw new IllegalArgumentException("bits stored " + bitsStored + " for " + stored.type());
        }
        int max = (1 << bitsStored) - 1;
        return switch (stored.type()) {
            case U8 -> {
                byte[] in = stored.u8Samples();
                byte[] out = new byte[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = (byte) (max - (in[i] & 0xFF));
                }
                yield Raster.u8(stored.width(), stored.height(), stored.channels(), out);
            }
            case U16 -> {
                short[] in = stored.shortSamples();
                short[] out = new short[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = (short) (max - (in[i] & 0xFFFF));
                }
                yield Raster.u16(stored.width(), stored.height(), stored.channels(), out);
            }
            case S16 -> {
                short[] in = stored.shortSamples();
                short[] out = new short[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = (short) (-1 - in[i]);
                }
                yield Raster.s16(stored.width(), stored.height(), stored.channels(), out);
            }
            case F32 -> throw new IllegalArgumentException("stored values are never float; invert after windowing");
        };
    }
}
