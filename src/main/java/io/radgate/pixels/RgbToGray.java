package io.radgate.pixels;

import io.radgate.imaging.Raster;

/**
 * Colour to one gray channel with ITU-R BT.601 luma, {@code Y = 0.299 R + 0.587 G + 0.114 B}, in
 * the fixed point Pillow uses for {@code convert("L")}:
 * {@code (R · 19595 + G · 38470 + B · 7471 + 32768) >> 16} (the weights sum to 65536, so white
 * stays white). Float rasters use the weights in float64. Channels: 1 is returned as is, 2 is
 * gray + alpha (gray kept), 3 is RGB, 4 is RGBA (alpha dropped).
 */
public final class RgbToGray {
    private static final int WR = 19595;
    private static final int WG = 38470;
    private static final int WB = 7471;

    private RgbToGray() {
    }

    public static Raster apply(Raster image) {
        int c = image.channels();
        if (c == 1) {
            return image;
        }
        if (c > 4) {
            throw new IllegalArgumentException("cannot make gray from " + c + " channels");
        }
        int n = image.width() * image.height();
        return switch (image.type()) {
            case U8 -> {
                byte[] in = image.u8Samples();
                byte[] out = new byte[n];
                for (int i = 0, s = 0; i < n; i++, s += c) {
                    out[i] = (byte) (c == 2 ? in[s] : luma(in[s] & 0xFF, in[s + 1] & 0xFF, in[s + 2] & 0xFF));
                }
                yield Raster.u8(image.width(), image.height(), 1, out);
            }
            case U16, S16 -> {
                boolean unsigned = image.type() == Raster.Type.U16;
                short[] in = image.shortSamples();
                short[] out = new short[n];
                for (int i = 0, s = 0; i < n; i++, s += c) {
                    out[i] = c == 2 ? in[s] : (short) (unsigned
                            ? luma(in[s] & 0xFFFF, in[s + 1] & 0xFFFF, in[s + 2] & 0xFFFF)
                            : luma(in[s], in[s + 1], in[s + 2]));
                }
                yield unsigned ? Raster.u16(image.width(), image.height(), 1, out)
                        : Raster.s16(image.width(), image.height(), 1, out);
            }
            case F32 -> {
                float[] in = image.f32Samples();
                float[] out = new float[n];
                for (int i = 0, s = 0; i < n; i++, s += c) {
                    out[i] = c == 2 ? in[s] : (float) (0.299 * in[s] + 0.587 * in[s + 1] + 0.114 * in[s + 2]);
                }
                yield Raster.f32(image.width(), image.height(), 1, out);
            }
        };
    }

    /** Fixed-point luma, rounded half up (an arithmetic shift floors, also for negative sums). */
    static int luma(long r, long g, long b) {
        return (int) ((r * WR + g * WG + b * WB + 32768) >> 16);
    }
}
