package io.radgate.imaging;

/**
 * Cheap structural checks on raw DICOM bytes, made before PixelMed sees them: is this DICOM at
 * all, and where does the Pixel Data element of a native (uncompressed) file start and how long
 * does it say it is. Reading the length ourselves keeps PixelMed from allocating whatever a
 * hostile length field claims.
 */
final class DicomFileCheck {
    static final int PREAMBLE = 128;
    private static final int MAX_ELEMENTS_CHECKED = 16;

    private DicomFileCheck() {
    }

    /** A Part 10 file: 128-byte preamble, then "DICM". */
    static boolean hasPreamble(byte[] b) {
        return b.length >= PREAMBLE + 4 && b[PREAMBLE] == 'D' && b[PREAMBLE + 1] == 'I' && b[PREAMBLE + 2] == 'C'
                && b[PREAMBLE + 3] == 'M';
    }

    /**
     * A dataset without preamble or meta header (old ACR-NEMA style), as implicit or explicit
     * VR little endian: it must start with group 0008 elements in ascending order whose lengths
     * fit in the file.
     */
    static boolean looksLikeBareDataset(byte[] b) {
        if (b.length < 8 || u16le(b, 0) != 0x0008) {
            return false;
        }
        boolean explicit = isVr(b, 4);
        int pos = 0;
        long lastTag = -1;
        int checked = 0;
        while (pos + 8 <= b.length && checked < MAX_ELEMENTS_CHECKED) {
            int group = u16le(b, pos);
            int element = u16le(b, pos + 2);
            long tag = ((long) group << 16) | element;
            if (group != 0x0008) {
                return checked >= 1 && tag > lastTag;
            }
            if (tag <= lastTag) {
                return false;
            }
            long length;
            int header;
            if (explicit) {
                if (!isVr(b, pos + 4)) {
                    return false;
                }
                String vr = new String(b, pos + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
                if (longFormVr(vr)) {
                    if (pos + 12 > b.length) {
                        return false;
                    }
                    length = u32le(b, pos + 8);
                    header = 12;
                } else {
                    length = u16le(b, pos + 6);
                    header = 8;
                }
            } else {
                length = u32le(b, pos + 4);
                header = 8;
            }
            if (length == 0xFFFFFFFFL) {
                return checked >= 1; // a sequence of undefined length: stop checking here
            }
            if (pos + header + length > b.length) {
                return false;
            }
            pos += header + (int) length;
            lastTag = tag;
            checked++;
        }
        return checked >= 1;
    }

    /**
     * The value length declared by the Pixel Data element starting at {@code offset} of a native
     * syntax; -1 when the bytes there are not a Pixel Data element header.
     */
    static long pixelDataLength(byte[] b, int offset, boolean explicitVr, boolean bigEndian) {
        if (offset < 0 || offset + 8 > b.length) {
            return -1;
        }
        int group = bigEndian ? u16be(b, offset) : u16le(b, offset);
        int element = bigEndian ? u16be(b, offset + 2) : u16le(b, offset + 2);
        if (group != 0x7FE0 || element != 0x0010) {
            return -1;
        }
        if (!explicitVr) {
            return u32le(b, offset + 4);
        }
        if (offset + 12 > b.length) {
            return -1;
        }
        return bigEndian ? u32be(b, offset + 8) : u32le(b, offset + 8);
    }

    /** Whether the Pixel Data tag (7FE0,0010) starts at {@code at}. */
    static boolean isPixelDataTagAt(byte[] b, int at, boolean bigEndian) {
        if (at < 0 || at + 4 > b.length) {
            return false;
        }
        int group = bigEndian ? u16be(b, at) : u16le(b, at);
        int element = bigEndian ? u16be(b, at + 2) : u16le(b, at + 2);
        return group == 0x7FE0 && element == 0x0010;
    }

    private static boolean isVr(byte[] b, int at) {
        return at + 2 <= b.length && b[at] >= 'A' && b[at] <= 'Z' && b[at + 1] >= 'A' && b[at + 1] <= 'Z';
    }

    private static boolean longFormVr(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int u16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static long u32le(byte[] b, int at) {
        return (u16le(b, at) | (long) u16le(b, at + 2) << 16) & 0xFFFFFFFFL;
    }

    static long u32be(byte[] b, int at) {
        return ((long) u16be(b, at) << 16 | u16be(b, at + 2)) & 0xFFFFFFFFL;
    }
}
