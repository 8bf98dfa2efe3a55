package io.radgate.imaging;

/**
 * Applies an EXIF orientation (tag 274: 1 = as stored, 2 = mirrored, 3 = rotated 180°,
 * 4 = flipped, 5 = transposed, 6 = rotated 90° clockwise to view, 7 = transversed,
 * 8 = rotated 90° counter-clockwise to view), so that row 0 is the visual top, as
 * OpenCV's imdecode does by default.
 */
public final class ImageFileOrientation {
    private ImageFileOrientation() {
    }

    /** The raster as it should be viewed; the same object for orientation 1. */
    public static Raster apply(Raster in, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation is 1..8, got " + orientation);
        }
        if (orientation == 1) {
            return in;
        }
        int w = in.width();
        int h = in.height();
        int ch = in.channels();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        Object src = samples(in);
        Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), in.sampleCount());
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                System.arraycopy(src, (sy * w + sx) * ch, dst, (y * ow + x) * ch, ch);
            }
        }
        return switch (in.type()) {
            case U8 -> Raster.u8(ow, oh, ch, (byte[]) dst);
            case U16 -> Raster.u16(ow, oh, ch, (short[]) dst);
            case S16 -> Raster.s16(ow, oh, ch, (short[]) dst);
            case F32 -> Raster.f32(ow, oh, ch, (float[]) dst);
        };
    }

    private static Object samples(Raster r) {
        return switch (r.type()) {
            case U8 -> r.u8Samples();
            case U16, S16 -> r.shortSamples();
            case F32 -> r.f32Samples();
        };
    }
}
