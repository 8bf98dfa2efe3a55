package io.radgate.imaging;

import io.radgate.pixels.HounsfieldRescale;
import io.radgate.pixels.Letterbox;
import io.radgate.pixels.Monochrome1;
import io.radgate.pixels.ToUint8;
import io.radgate.pixels.TransformedRaster;
import io.radgate.pixels.VoiWindow;
import java.util.List;

/**
 * The geometry cases shared by the unit and integration tests: a golden DICOM phantom, the
 * rescaled threshold that separates its structure (vertical arm of the L, plus the corner
 * dot) from everything else, and the preprocessing every protocol uses (HU → window → uint8 →
 * MONOCHROME1 inversion → letterbox to 1024).
 *
 * <p>Why these thresholds give an EXACT round trip: letterbox upsamples by ≥ 3.2, so the model
 * pixel sampled for an original pixel keeps ≥ 0.844 of its bilinear weight per axis (≥ 0.71 in
 * all) on that original pixel. Each threshold lies between the worst inside mix and the worst
 * outside mix of that phantom (worked out in the comments), with ≥ 90 stored units of margin,
 * more than one uint8 step of the ±2000 window (15.7 units).
 */
final class DicomToModelGeometry {
    static final int MODEL_SIZE = 1024;

    /** {@code above}: the structure is ≥ threshold (else ≤), in rescaled units (HU for CT). */
    record Case(String geometry, double threshold, boolean above) {
    }

    static final List<Case> CASES = List.of(
            // arm 3000, dot 4095 vs h-arm 1500, bg ≤ 1555: inside ≥ 2254, outside ≤ 1933
            new Case("mono2_u16_bs12_landscape", 2100, true),
            // arms 2500/3500, dot 4000 vs bg ≤ 1259: inside ≥ 1851, outside ≤ 1604
            new Case("mono2_u16_bs12_portrait", 1700, true),
            // HU: arm 176, dot 1976 vs h-arm -1624, bg ≤ -1582: inside ≥ -692, outside ≤ -1105
            new Case("mono2_s16_rescale", -900, true),
            // MONOCHROME1, stored: arm 20000, dot 1000 vs h-arm 40000, bg ≥ 37310: inside ≤ 28800, outside ≥ 35600
            new Case("mono1_u16_bs16_portrait", 31000, false));

    static final List<String> SYNTAXES = List.of("explicit_le", "implicit_le", "big_endian", "deflate", "rle",
            "jpeg_lossless_57", "jpeg_lossless_70", "j2k_lossless_90", "jpegls_lossless_80");

    private DicomToModelGeometry() {
    }

    static Raster rescaled(Instance in) {
        return HounsfieldRescale.apply(in.frames().get(0), in.rescaleSlope(), in.rescaleIntercept());
    }

    /** The model input: 1024×1024 uint8, the structure bright (≥ 128) whatever the photometric. */
    static TransformedRaster modelInput(Instance in, Case c) {
        Raster u8 = ToUint8.window(rescaled(in), VoiWindow.range(c.threshold() - 2000, c.threshold() + 2000));
        if (!c.above()) {
            u8 = Monochrome1.invertU8(u8); // MONOCHROME1: low stored values display bright
        }
        return Letterbox.fit(u8, MODEL_SIZE);
    }

    /** The truth, on the original pixels: 1 where the structure is. */
    static byte[] truth(Instance in, Case c) {
        Raster r = rescaled(in);
        byte[] t = new byte[r.width() * r.height()];
        for (int i = 0; i < t.length; i++) {
            double v = r.sample(i);
            t[i] = (byte) ((c.above() ? v >= c.threshold() : v <= c.threshold()) ? 1 : 0);
        }
        return t;
    }

    /** Pixels of {@code mask} (w × h, 0/1) that have a 4-neighbour of the other class. */
    static boolean[] boundary(byte[] mask, int w, int h) {
        boolean[] b = new boolean[mask.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = mask[y * w + x];
                b[y * w + x] = x > 0 && mask[y * w + x - 1] != v || x < w - 1 && mask[y * w + x + 1] != v
                        || y > 0 && mask[(y - 1) * w + x] != v || y < h - 1 && mask[(y + 1) * w + x] != v;
            }
        }
        return b;
    }
}
