package io.radgate.imaging;

import io.radgate.error.RadgateException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A walk over the element structure of a DICOM file, made BEFORE PixelMed parses it, that
 * reads no values, only tags, VRs and lengths. PixelMed trusts both: it recurses once per
 * nested sequence (2,000 levels overflowed the stack) and allocates whatever a length field
 * claims (a bit flip made an item say 1 GB). Here:
 * <ul>
 *   <li>sequences may nest at most {@link #MAX_SEQUENCE_DEPTH} levels (the standard's deepest
 *       real structures, structured-report content trees, stay far below);</li>
 *   <li>every defined length must fit in the bytes actually present (for a deflated dataset:
 *       in what it inflates to), and an item must fit in its sequence.</li>
 * </ul>
 * Either failure is BAD_INPUT naming the element and the bytes. Where the walk cannot tell the
 * encoding (no transfer syntax, VR bytes that are not a VR) it stops and leaves the verdict to
 * the reader, which has its own checks.
 */
final class DicomStructure {
    /** Deepest sequence nesting accepted. A fixed guard against stack exhaustion, not a tuning knob. */
    static final int MAX_SEQUENCE_DEPTH = 64;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int PIXEL_DATA = 0x7FE00010;

    private final Source in;
    private final boolean bigEndian;
    private final boolean explicit;
    private final boolean stopAtPixelData;

    private DicomStructure(Source in, boolean bigEndian, boolean explicit, boolean stopAtPixelData) {
        this.in = in;
        this.bigEndian = bigEndian;
        this.explicit = explicit;
        this.stopAtPixelData = stopAtPixelData;
    }

    /**
     * Checks {@code file}'s structure; with {@code stopAtPixelData}, only up to the top-level
     * Pixel Data element (what a header read parses), else to the end.
     */
    static void check(byte[] file, boolean stopAtPixelData, long maxInflatedBytes) {
        int start = 0;
        String ts;
        boolean preamble = DicomFileCheck.hasPreamble(file);
        if (preamble) {
            Meta meta = meta(file);
            if (meta == null || meta.transferSyntax == null) {
                return; // the reader names what is wrong with the meta header
            }
            start = meta.end;
            ts = meta.transferSyntax;
        } else {
            ts = file.length >= 6 && isVrByte(file[4]) && isVrByte(file[5]) ? "1.2.840.10008.1.2.1" : "1.2.840.10008.1.2";
        }
        boolean deflated = "1.2.840.10008.1.2.1.99".equals(ts);
        InputStream data = new ByteArrayInputStream(file, start, file.length - start);
        if (deflated) {
            data = new LimitedInput(new InflaterInputStream(data, new Inflater(true)), maxInflatedBytes);
        }
        new DicomStructure(new Source(data, !deflated), "1.2.840.10008.1.2.2".equals(ts),
                !"1.2.840.10008.1.2".equals(ts), stopAtPixelData).walkTop();
    }

    private void walkTop() {
        try {
            walkDataset(0, -1);
        } catch (EOFException e) {
            throw RadgateException.badInput("DICOM file is truncated (it ends inside an element)");
        } catch (StopWalkIo e) {
            // inflates beyond the limit: the reader reports that as too large
        } catch (IOException e) {
            throw RadgateException.badInput("deflated DICOM dataset is corrupt or truncated");
        } catch (StopWalk stop) {
            // an encoding the walk cannot follow: the reader decides
        }
    }

    /** Elements until {@code end} (a position), or an item delimiter / the end of the data when -1. */
    private void walkDataset(int depth, long end) throws IOException {
        while (end < 0 || in.position < end) {
            if (end < 0 && depth == 0 && in.atEnd()) {
                return; // end of file (a few stray padding bytes are tolerated, as readers do)
            }
            long at = in.position;
            int tag = tag();
            if (tag >>> 16 == 0xFFFE) {
                long length = in.u32(bigEndian);
                if (tag == 0xFFFEE00D && end < 0 && depth > 0) {
                    return; // item delimitation
                }
                throw RadgateException.badInput(String.format("DICOM structure is malformed: (FFFE,%04X) at byte %d "
                        + "outside a sequence (length %d)", tag & 0xFFFF, at, length));
            }
            if (stopAtPixelData && depth == 0 && tag == PIXEL_DATA) {
                return;
            }
            String vr = null;
            long length;
            if (explicit) {
                vr = in.vr();
                if (vr == null) {
                    throw new StopWalk();
                }
                if (longForm(vr)) {
                    in.skip(2, tag);
                    length = in.u32(bigEndian);
                } else {
                    length = in.u16(bigEndian);
                }
            } else {
                length = in.u32(bigEndian);
            }
            if (length == UNDEFINED) {
                if (tag == PIXEL_DATA) {
                    walkItems(depth + 1, -1, true, tag);
                } else if (vr == null || vr.equals("SQ") || vr.equals("UN")) {
                    nested(depth + 1, -1, tag, "UN".equals(vr));
                } else {
                    throw RadgateException.badInput(String.format("DICOM structure is malformed: element (%04X,%04X) "
                            + "of VR %s has an undefined length", tag >>> 16, tag & 0xFFFF, vr));
                }
                continue;
            }
            in.require(length, tag, end);
            boolean sequence = "SQ".equals(vr) || vr == null && length >= 8 && in.peekItemTag(bigEndian);
            if (sequence) {
                nested(depth + 1, in.position + length, tag, false);
            } else {
                in.skip(length, tag);
            }
        }
        if (in.position > end) {
            throw RadgateException.badInput("DICOM structure is malformed: an element runs past the end of its item");
        }
    }

    /** A sequence's items; an undefined-length UN sequence holds implicit VR little endian items. */
    private void nested(int depth, long end, int tag, boolean implicitInside) throws IOException {
        if (depth > MAX_SEQUENCE_DEPTH) {
            throw RadgateException.badInput("DICOM sequences are nested more than " + MAX_SEQUENCE_DEPTH
                    + " levels deep (at element " + name(tag) + ")");
        }
        if (implicitInside && explicit) {
            new DicomStructure(in, false, false, false).walkItems(depth, end, false, tag);
        } else {
            walkItems(depth, end, false, tag);
        }
    }

    private void walkItems(int depth, long end, boolean fragments, int owner) throws IOException {
        while (end < 0 || in.position < end) {
            if (fragments && end < 0 && in.atEnd()) {
                return; // the last fragment ends the file without a delimiter: readers accept that
            }
            int tag = tag();
            long length = in.u32(bigEndian);
            if (tag == 0xFFFEE0DD) {
                if (end < 0) {
                    return;
                }
                continue; // a delimiter inside a defined-length sequence: tolerated
            }
            if (tag != 0xFFFEE000) {
                throw RadgateException.badInput("DICOM structure is malformed: " + name(owner) + " holds "
                        + name(tag) + " where an item belongs");
            }
            if (length == UNDEFINED) {
                if (fragments) {
                    throw RadgateException.badInput("DICOM structure is malformed: a Pixel Data fragment has an "
                            + "undefined length");
                }
                walkDataset(depth, -1);
                continue;
            }
            in.require(length, fragments ? PIXEL_DATA : tag, end);
            if (fragments) {
                in.skip(length, PIXEL_DATA);
            } else {
                walkDataset(depth, in.position + length);
            }
        }
        if (in.position > end) {
            throw RadgateException.badInput("DICOM structure is malformed: an item runs past the end of " + name(owner));
        }
    }

    private int tag() throws IOException {
        int group = in.u16(bigEndian);
        int element = in.u16(bigEndian);
        return group << 16 | element;
    }

    static String name(int tag) {
        if (tag == PIXEL_DATA) {
            return "Pixel Data";
        }
        if (tag == 0xFFFEE000) {
            return "an item";
        }
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    private static boolean longForm(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    private static boolean isVrByte(byte b) {
        return b >= 'A' && b <= 'Z';
    }

    /** The meta header's end and transfer syntax (explicit VR little endian, group 0002). */
    private record Meta(int end, String transferSyntax) {
    }

    private static Meta meta(byte[] b) {
        int at = DicomFileCheck.PREAMBLE + 4;
        String ts = null;
        while (at + 8 <= b.length && DicomFileCheck.u16le(b, at) == 0x0002) {
            int element = DicomFileCheck.u16le(b, at + 2);
            if (!isVrByte(b[at + 4]) || !isVrByte(b[at + 5])) {
                return null;
            }
            String vr = new String(b, at + 4, 2, StandardCharsets.US_ASCII);
            long length;
            int header;
            if (longForm(vr)) {
                if (at + 12 > b.length) {
                    return null;
                }
                length = DicomFileCheck.u32le(b, at + 8);
                header = 12;
            } else {
                length = DicomFileCheck.u16le(b, at + 6);
                header = 8;
            }
            if (at + header + length > b.length) {
                return null;
            }
            if (element == 0x0010) {
                ts = new String(b, at + header, (int) length, StandardCharsets.US_ASCII).replace("\0", "").trim();
            }
            at += header + (int) length;
        }
        return new Meta(at, ts);
    }

    /** Raised to end the walk where it cannot follow the encoding. */
    private static final class StopWalk extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopWalk() {
            super(null, null, false, false);
        }
    }

    /** Reads and skips with a position; knows what remains when the data is in memory. */
    private static final class Source {
        private final InputStream in;
        private final boolean sized;
        long position;

        Source(InputStream in, boolean sized) {
            this.in = sized ? in : new java.io.PushbackInputStream(in, 1);
            this.sized = sized;
        }

        /** At the end of the data; in memory, fewer than 8 bytes (stray padding) also count as the end. */
        boolean atEnd() throws IOException {
            if (sized) {
                return in.available() < 8;
            }
            int b = in.read();
            if (b < 0) {
                return true;
            }
            ((java.io.PushbackInputStream) in).unread(b);
            return false;
        }

        int u8() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            position++;
            return b;
        }

        int u16(boolean bigEndian) throws IOException {
            int a = u8();
            int b = u8();
            return bigEndian ? a << 8 | b : b << 8 | a;
        }

        long u32(boolean bigEndian) throws IOException {
            long a = u16(bigEndian);
            long b = u16(bigEndian);
            return bigEndian ? a << 16 | b : b << 16 | a;
        }

        String vr() throws IOException {
            int a = u8();
            int b = u8();
            return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' ? "" + (char) a + (char) b : null;
        }

        /** Whether the next 4 bytes are an item tag, without consuming them (in-memory data only). */
        boolean peekItemTag(boolean bigEndian) throws IOException {
            if (!sized || !in.markSupported()) {
                return false;
            }
            in.mark(4);
            byte[] b = in.readNBytes(4);
            in.reset();
            if (b.length < 4) {
                return false;
            }
            int group = bigEndian ? (b[0] & 0xFF) << 8 | b[1] & 0xFF : (b[1] & 0xFF) << 8 | b[0] & 0xFF;
            int element = bigEndian ? (b[2] & 0xFF) << 8 | b[3] & 0xFF : (b[3] & 0xFF) << 8 | b[2] & 0xFF;
            return group == 0xFFFE && element == 0xE000;
        }

        /** BAD_INPUT when {@code length} bytes are not there (or do not fit before {@code end}). */
        void require(long length, int tag, long end) throws IOException {
            if (end >= 0 && position + length > end) {
                throw RadgateException.badInput("DICOM structure is malformed: " + name(tag) + " declares " + length
                        + " bytes but its enclosing item has only " + (end - position) + " left");
            }
            if (sized && length > in.available()) {
                throw RadgateException.badInput("DICOM file is truncated: " + name(tag) + " declares " + length
                        + " bytes but only " + in.available() + " follow");
            }
        }

        void skip(long n, int tag) throws IOException {
            try {
                in.skipNBytes(n);
            } catch (EOFException e) {
                throw RadgateException.badInput("DICOM file is truncated: " + name(tag) + " declares " + n
                        + " bytes but the data ends first");
            }
            position += n;
        }
    }

    /** An inflating stream cut at a limit: a deflate bomb ends the walk as too large for the reader to decide. */
    private static final class LimitedInput extends java.io.FilterInputStream {
        private long left;

        LimitedInput(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new StopWalkIo();
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new StopWalkIo();
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
            int got = read(buf, 0, buf.length);
            return Math.max(0, got);
        }
    }

    /** Over the inflation limit: the reader reports TOO_LARGE itself. */
    private static final class StopWalkIo extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
