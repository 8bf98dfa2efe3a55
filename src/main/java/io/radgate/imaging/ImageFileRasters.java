package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;

/**
 * Turns a decoded {@link BufferedImage} into a {@link Raster} holding the stored sample
 * values (see {@link ImageFile} for the layout). Rows are copied one at a time so that the
 * only large allocation is the result.
 */
final class ImageFileRasters {
    private ImageFileRasters() {
    }

    /** Output channels a palette expands to: 1 (opaque grays), 3 (opaque colours) or 4 (with transparency). */
    static int paletteChannels(IndexColorModel icm) {
        boolean gray = true;
        for (int i = 0; i < icm.getMapSize(); i++) {
            if (icm.getAlpha(i) != 255) {
                return 4;
            }
            gray &= icm.getRed(i) == icm.getGreen(i) && icm.getGreen(i) == icm.getBlue(i);
        }
        return gray ? 1 : 3;
    }

    static Raster toRaster(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            return expandPalette(icm, img.getRaster());
        }
        if (cm instanceof ComponentColorModel && storesSamplesDirectly(cm, img.getRaster())) {
            return copySamples(img.getRaster());
        }
        // packed pixels (BMP 16/32-bit, TYPE_INT_*), CMYK and other colour spaces: 8-bit sRGB(A)
        return viaRgb(img, cm.hasAlpha());
    }

    private static boolean storesSamplesDirectly(ColorModel cm, WritableRaster r) {
        int space = cm.getColorSpace().getType();
        int bands = r.getNumBands();
        boolean layout = (space == ColorSpace.TYPE_GRAY && (bands == 1 || bands == 2))
                || (space == ColorSpace.TYPE_RGB && (bands == 3 || bands == 4));
        return layout && bands == cm.getNumComponents() && (bands == 1 || bands == 3 || cm.hasAlpha());
    }

    private static Raster copySamples(WritableRaster r) {
        int w = r.getWidth();
        int h = r.getHeight();
        int ch = r.getNumBands();
        int rowLength = w * ch;
        int transfer = r.getTransferType();
        switch (transfer) {
            case DataBuffer.TYPE_BYTE, DataBuffer.TYPE_USHORT, DataBuffer.TYPE_SHORT -> {
                int[] row = new int[rowLength];
                byte[] bytes = transfer == DataBuffer.TYPE_BYTE ? new byte[rowLength * h] : null;
                short[] shorts = bytes == null ? new short[rowLength * h] : null;
                for (int y = 0; y < h; y++) {
                    r.getPixels(0, y, w, 1, row);
                    int base = y * rowLength;
                    for (int i = 0; i < rowLength; i++) {
                        if (bytes != null) {
                            bytes[base + i] = (byte) row[i];
                        } else {
                            shorts[base + i] = (short) row[i];
                        }
                    }
                }
                if (bytes != null) {
                    return Raster.u8(w, h, ch, bytes);
                }
                return transfer == DataBuffer.TYPE_USHORT ? Raster.u16(w, h, ch, shorts) : Raster.s16(w, h, ch, shorts);
            }
            case DataBuffer.TYPE_FLOAT -> {
                float[] row = new float[rowLength];
                float[] out = new float[rowLength * h];
                for (int y = 0; y < h; y++) {
                    r.getPixels(0, y, w, 1, row);
                    System.arraycopy(row, 0, out, y * rowLength, rowLength);
                }
                return Raster.f32(w, h, ch, out);
            }
            default -> throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA,
                    "images with " + (transfer == DataBuffer.TYPE_INT ? "32-bit integer" : "64-bit floating-point")
                            + " samples are not supported");
        }
    }

    private static Raster expandPalette(IndexColorModel icm, WritableRaster r) {
        int w = r.getWidth();
        int h = r.getHeight();
        int ch = paletteChannels(icm);
        int size = icm.getMapSize();
        byte[][] lut = new byte[4][size];
        icm.getReds(lut[0]);
        icm.getGreens(lut[1]);
        icm.getBlues(lut[2]);
        icm.getAlphas(lut[3]);
        byte[] out = new byte[w * h * ch];
        int[] index = new int[w];
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, index);
            for (int x = 0; x < w; x++) {
                int i = Math.min(index[x], size - 1);
                int o = (y * w + x) * ch;
                if (ch == 1) {
                    out[o] = lut[0][i];
                } else {
                    for (int c = 0; c < ch; c++) {
                        out[o + c] = lut[c][i];
                    }
                }
            }
        }
        return Raster.u8(w, h, ch, out);
    }

    private static Raster viaRgb(BufferedImage img, boolean alpha) {
        int w = img.getWidth();
        int h = img.getHeight();
        int ch = alpha ? 4 : 3;
        byte[] out = new byte[w * h * ch];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int o = (y * w + x) * ch;
                out[o] = (byte) (argb >> 16);
                out[o + 1] = (byte) (argb >> 8);
                out[o + 2] = (byte) argb;
                if (alpha) {
                    out[o + 3] = (byte) (argb >>> 24);
                }
            }
        }
        return Raster.u8(w, h, ch, out);
    }
}
