package io.radgate.imaging;

/**
 * Small, bounds-checked scans of image headers for the few facts ImageIO does not hand over
 * without parsing all metadata: EXIF orientation (JPEG APP1, PNG eXIf, TIFF tag 274), a
 * PNG's gamma (gAMA, sRGB) and how a 3-component JPEG stores colour. A malformed header
 * yields the default (orientation 1, no gamma, YCbCr); decoding reports the real error.
 */
final class ImageFileHeaders {
    /** How a three-component JPEG stores colour, decided as libjpeg decides it. */
    enum JpegColor { YCBCR, RGB }

    /** libpng's fixed-point gamma of sRGB (1/2.2 × 100000). */
    static final int PNG_SRGB_GAMMA = 45455;

    private ImageFileHeaders() {
    }

    /** The EXIF orientation (1..8) recorded in the file, 1 when none. */
    static int orientation(ImageFileFormat format, byte[] data) {
        int o = switch (format) {
            case JPEG -> jpegOrientation(data);
            case PNG -> pngOrientation(data);
            case TIFF -> tiffOrientation(data, 0, data.length);
            case BMP -> 1;
        };
        return o >= 1 && o <= 8 ? o : 1;
    }

    /**
     * The gamma libpng would use, in its fixed point (100000 = 1.0): an sRGB chunk means
     * {@value #PNG_SRGB_GAMMA} and wins over gAMA, as in libpng; 0 when neither is present.
     */
    static int pngGamma(byte[] data) {
        int gamma = 0;
        boolean srgb = false;
        for (int pos = 8; pos + 12 <= data.length; ) {
            long length = be32(data, pos) & 0xFFFFFFFFL;
            String type = chunkType(data, pos + 4);
            if (type.equals("IDAT") || length > data.length - pos - 12) {
                break;
            }
            if (type.equals("sRGB")) {
                srgb = true;
            } else if (type.equals("gAMA") && length == 4) {
                gamma = be32(data, pos + 8);
            }
            pos += 12 + (int) length;
        }
        return srgb ? PNG_SRGB_GAMMA : Math.max(gamma, 0);
    }

    private static int pngOrientation(byte[] data) {
        for (int pos = 8; pos + 12 <= data.length; ) {
            long length = be32(data, pos) & 0xFFFFFFFFL;
            String type = chunkType(data, pos + 4);
            if (type.equals("IDAT") || length > data.length - pos - 12) {
                break;
            }
            if (type.equals("eXIf")) {
                return tiffOrientation(data, pos + 8, (int) length);
            }
            pos += 12 + (int) length;
        }
        return 1;
    }

    private static int jpegOrientation(byte[] data) {
        int[] found = {1};
        walkJpeg(data, (marker, start, length) -> {
            if (marker == 0xE1 && length >= 14 && data[start] == 'E' && data[start + 1] == 'x' && data[start + 2] == 'i'
                    && data[start + 3] == 'f' && data[start + 4] == 0 && data[start + 5] == 0) {
                found[0] = tiffOrientation(data, start + 6, length - 6);
                return false;
            }
            return true;
        });
        return found[0];
    }

    /**
     * libjpeg's rule (jdapimin.c): a JFIF marker means YCbCr; else an Adobe marker's transform
     * (0 = RGB, otherwise YCbCr); else component ids 'R','G','B' mean RGB; else YCbCr.
     */
    static JpegColor jpegColor(byte[] data) {
        boolean[] jfif = {false};
        int[] adobeTransform = {-1};
        int[] ids = new int[3];
        walkJpeg(data, (marker, start, length) -> {
            if (marker == 0xE0 && length >= 5 && data[start] == 'J' && data[start + 1] == 'F' && data[start + 2] == 'I'
                    && data[start + 3] == 'F' && data[start + 4] == 0) {
                jfif[0] = true;
            } else if (marker == 0xEE && length >= 12 && data[start] == 'A' && data[start + 1] == 'd'
                    && data[start + 2] == 'o' && data[start + 3] == 'b' && data[start + 4] == 'e') {
                adobeTransform[0] = data[start + 11] & 0xFF;
            } else if (isStartOfFrame(marker) && length >= 6 + 9 && (data[start + 5] & 0xFF) == 3) {
                for (int c = 0; c < 3; c++) {
                    ids[c] = data[start + 6 + 3 * c] & 0xFF;
                }
                return false;
            }
            return true;
        });
        if (jfif[0]) {
            return JpegColor.YCBCR;
        }
        if (adobeTransform[0] >= 0) {
            return adobeTransform[0] == 0 ? JpegColor.RGB : JpegColor.YCBCR;
        }
        return ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B' ? JpegColor.RGB : JpegColor.YCBCR;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private interface SegmentVisitor {
        /** Returns false to stop. {@code start} is the first byte after the length field. */
        boolean visit(int marker, int start, int length);
    }

    /** Visits the marker segments before the first scan. */
    private static void walkJpeg(byte[] data, SegmentVisitor visitor) {
        int pos = 2;
        while (pos + 4 <= data.length) {
            if ((data[pos] & 0xFF) != 0xFF) {
                return;
            }
            int marker = data[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            int length = be16(data, pos + 2);
            if (length < 2 || pos + 2 + length > data.length) {
                return;
            }
            if (!visitor.visit(marker, pos + 4, length - 2)) {
                return;
            }
            pos += 2 + length;
        }
    }

    /** Tag 274 of the first IFD of the TIFF structure at {@code data[start, start + length)}. */
    static int tiffOrientation(byte[] data, int start, int length) {
        int end = Math.min(data.length, start + length);
        if (start < 0 || start + 8 > end) {
            return 1;
        }
        boolean little = data[start] == 'I' && data[start + 1] == 'I';
        boolean big = data[start] == 'M' && data[start + 1] == 'M';
        if (!little && !big || u16(data, start + 2, little) != 42) {
            return 1;
        }
        long ifd = start + (u32(data, start + 4, little) & 0xFFFFFFFFL);
        if (ifd + 2 > end) {
            return 1;
        }
        int count = u16(data, (int) ifd, little);
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > end) {
                return 1;
            }
            int e = (int) entry;
            if (u16(data, e, little) == 274) {
                int type = u16(data, e + 2, little);
                // SHORT, inline in the first two bytes of the value field
                return type == 3 ? u16(data, e + 8, little) : 1;
            }
        }
        return 1;
    }

    private static String chunkType(byte[] data, int at) {
        return new String(data, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static int be16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int be32(byte[] b, int i) {
        return be16(b, i) << 16 | be16(b, i + 2);
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : be16(b, i);
    }

    private static int u32(byte[] b, int i, boolean little) {
        return little ? u16(b, i, true) | u16(b, i + 2, true) << 16 : be32(b, i);
    }
}
