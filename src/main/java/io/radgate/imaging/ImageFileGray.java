package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;

/**
 * Decodes an image file to 8-bit grayscale exactly as OpenCV's
 * {@code cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)} does (the invocations protocol's original
 * server uses it), checked bit for bit against opencv-python-headless 4.11.0.86.
 *
 * <p>imdecode does NOT use cvtColor's BGR2GRAY (15-bit coefficients 9798/19235/3735, rounded):
 * each codec converts on its own, so the arithmetic depends on the format:
 * <ul>
 *   <li>PNG (libpng {@code png_set_rgb_to_gray(1, 0.299, 0.587)}): coefficients 9797, 19234,
 *       3737 over 2^15, TRUNCATED; pixels with R = G = B pass through. 16-bit: the same sum
 *       rounded (+16384), then the high byte. With a gAMA or sRGB chunk libpng converts in
 *       linear light through its 8-bit gamma tables; emulated for 8-bit samples.
 *       Alpha is dropped, not composited.</li>
 *   <li>JPEG (libjpeg asked for grayscale): the decoded luma (Y) plane, no colour conversion
 *       at all; an RGB-coded JPEG uses libjpeg's (19595 R + 38470 G + 7471 B + 32768) >> 16.</li>
 *   <li>BMP and TIFF (OpenCV's own helper): coefficients 4899, 9617, 1868 over 2^14, rounded
 *       (+8192). TIFF goes through libtiff's RGBA interface: 16-bit colour samples become
 *       (v + 128) / 257 first, and unassociated alpha is premultiplied ((a × v + 127) / 255).</li>
 *   <li>16-bit gray (PNG, TIFF): the high byte ({@code v >> 8}).</li>
 *   <li>EXIF orientation (JPEG, PNG eXIf, TIFF tag 274) is applied, as imdecode does.</li>
 * </ul>
 * Not emulated (results may differ by a few levels): gamma of 16-bit colour PNGs, PNG gamma
 * from an iCCP profile, CMYK JPEGs and 16-bit (5-5-5) BMPs (converted through 8-bit RGB).
 *
 * <p>BLOCKING: decodes on the calling thread; run it off the event loop.
 */
public final class ImageFileGray {
    private ImageFileGray() {
    }

    /** The 8-bit, 1-channel image cv2.imdecode(data, IMREAD_GRAYSCALE) would return; limits as in {@link ImageFileReader}. */
    public static Raster decode(byte[] data, ImagingLimits limits) {
        ImageFileReader reader = new ImageFileReader(limits);
        ImageFileFormat format = reader.checkSizeAndSniff(data);
        Raster gray;
        if (format == ImageFileFormat.JPEG) {
            Raster luma = reader.decode(format, data, r -> jpegLuma(data, r.readRaster(0, r.getDefaultReadParam())));
            gray = luma != null ? luma : fromRgb14(reader.read(data));
        } else {
            ImageFile file = reader.read(data);
            gray = switch (format) {
                case PNG -> png(file, ImageFileHeaders.pngGamma(data));
                case TIFF -> tiff(file);
                default -> fromRgb14(file);
            };
        }
        return ImageFileOrientation.apply(gray, ImageFileHeaders.orientation(format, data));
    }

    /** The Y plane of a gray or YCbCr JPEG, libjpeg's gray of an RGB one; null for others (CMYK, 16-bit). */
    private static Raster jpegLuma(byte[] data, java.awt.image.Raster raw) {
        int bands = raw.getNumBands();
        if (raw.getTransferType() != java.awt.image.DataBuffer.TYPE_BYTE || (bands != 1 && bands != 3)) {
            return null;
        }
        int w = raw.getWidth();
        int h = raw.getHeight();
        byte[] out = new byte[w * h];
        boolean rgb = bands == 3 && ImageFileHeaders.jpegColor(data) == ImageFileHeaders.JpegColor.RGB;
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raw.getPixels(raw.getMinX(), raw.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int i = x * bands;
                out[y * w + x] = (byte) (rgb ? (19595 * row[i] + 38470 * row[i + 1] + 7471 * row[i + 2] + 32768) >> 16 : row[i]);
            }
        }
        return Raster.u8(w, h, 1, out);
    }

    static Raster png(ImageFile file, int gamma) {
        Raster in = file.raster();
        int ch = in.channels();
        boolean sixteen = in.type() == Raster.Type.U16;
        if (ch <= 2) {
            return firstChannel(in, sixteen);
        }
        int[] toLinear = null;
        int[] fromLinear = null;
        // libpng builds gamma tables for rgb_to_gray only when the file gamma or its reciprocal
        // (the default screen gamma) is "significant", i.e. off 1.0 by more than 0.05
        if (!sixteen && gamma > 0 && (significant(gamma) || significant(reciprocal(gamma)))) {
            toLinear = gammaTable(reciprocal(gamma));
            fromLinear = gammaTable(reciprocal(reciprocal(gamma)));
        }
        int n = in.width() * in.height();
        byte[] out = new byte[n];
        for (int p = 0; p < n; p++) {
            int r = (int) in.sample(p * ch);
            int g = (int) in.sample(p * ch + 1);
            int b = (int) in.sample(p * ch + 2);
            int y;
            if (r == g && g == b) {
                y = r;
            } else if (sixteen) {
                y = (9797 * r + 19234 * g + 3737 * b + 16384) >> 15;
            } else if (toLinear != null) {
                y = fromLinear[(9797 * toLinear[r] + 19234 * toLinear[g] + 3737 * toLinear[b] + 16384) >> 15];
            } else {
                y = (9797 * r + 19234 * g + 3737 * b) >> 15;
            }
            out[p] = (byte) (sixteen ? y >> 8 : y);
        }
        return Raster.u8(in.width(), in.height(), 1, out);
    }

    static Raster tiff(ImageFile file) {
        Raster in = file.raster();
        if (in.type() == Raster.Type.S16 || in.type() == Raster.Type.F32) {
            throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA,
                    "grayscale conversion of " + in.type() + " TIFF samples is not supported");
        }
        boolean sixteen = in.type() == Raster.Type.U16;
        int ch = in.channels();
        if (ch <= 2) {
            return firstChannel(in, sixteen);
        }
        int n = in.width() * in.height();
        byte[] out = new byte[n];
        for (int p = 0; p < n; p++) {
            int[] rgb = new int[3];
            int alpha = 255;
            for (int c = 0; c < 3; c++) {
                rgb[c] = (int) in.sample(p * ch + c);
            }
            if (ch == 4) {
                alpha = (int) in.sample(p * ch + 3);
            }
            if (sixteen) {
                for (int c = 0; c < 3; c++) {
                    rgb[c] = (rgb[c] + 128) / 257;
                }
                alpha = (alpha + 128) / 257;
            }
            if (ch == 4 && !file.alphaPremultiplied()) {
                for (int c = 0; c < 3; c++) {
                    rgb[c] = (alpha * rgb[c] + 127) / 255;
                }
            }
            out[p] = (byte) gray14(rgb[0], rgb[1], rgb[2]);
        }
        return Raster.u8(in.width(), in.height(), 1, out);
    }

    /** OpenCV's imgcodecs helper (icvCvt_BGR2Gray_8u_C3C1R): 14-bit fixed point, rounded. */
    static int gray14(int r, int g, int b) {
        return (4899 * r + 9617 * g + 1868 * b + 8192) >> 14;
    }

    private static Raster fromRgb14(ImageFile file) {
        Raster in = file.raster();
        if (in.type() != Raster.Type.U8) {
            return firstChannel(in, in.type() == Raster.Type.U16);
        }
        int ch = in.channels();
        if (ch <= 2) {
            return firstChannel(in, false);
        }
        byte[] s = in.u8Samples();
        int n = in.width() * in.height();
        byte[] out = new byte[n];
        for (int p = 0; p < n; p++) {
            out[p] = (byte) gray14(s[p * ch] & 0xFF, s[p * ch + 1] & 0xFF, s[p * ch + 2] & 0xFF);
        }
        return Raster.u8(in.width(), in.height(), 1, out);
    }

    private static Raster firstChannel(Raster in, boolean highByte) {
        int n = in.width() * in.height();
        int ch = in.channels();
        byte[] out = new byte[n];
        for (int p = 0; p < n; p++) {
            int v = (int) in.sample(p * ch);
            out[p] = (byte) (highByte ? v >> 8 : v);
        }
        return Raster.u8(in.width(), in.height(), 1, out);
    }

    // libpng's fixed-point gamma helpers (png.c), floating-point build

    private static boolean significant(int gamma) {
        return gamma < 100000 - 5000 || gamma > 100000 + 5000;
    }

    private static int reciprocal(int fixed) {
        return (int) Math.floor(1e10 / fixed + .5);
    }

    /** png_build_8bit_table: 255 × (i/255)^(gamma/100000), rounded; identity when not significant. */
    private static int[] gammaTable(int gamma) {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            table[i] = significant(gamma) && i > 0 && i < 255
                    ? (int) Math.floor(255 * Math.pow(i / 255., gamma * .00001) + .5)
                    : i;
        }
        return table;
    }
}
