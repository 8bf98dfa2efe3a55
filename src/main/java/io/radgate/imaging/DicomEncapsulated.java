package io.radgate.imaging;

import io.radgate.error.RadgateException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits encapsulated Pixel Data (PS3.5 A.4: an undefined-length OB element holding a Basic
 * Offset Table item, then fragment items, then a Sequence Delimitation Item) into the
 * compressed bitstream of each frame, straight from the file's bytes: nothing is copied for a
 * frame held in one fragment (the usual case).
 *
 * <p>Fragments are assigned to frames by the first rule that applies: one frame takes every
 * fragment; a Basic Offset Table with one entry per frame gives each frame's first fragment;
 * as many fragments as frames are one fragment per frame; otherwise a frame ends with the
 * fragment whose data ends with the JPEG / JPEG 2000 end marker (FFD9, padding aside).
 *
 * <p>Every length is checked against the file: a truncated or malformed sequence is
 * BAD_INPUT naming the problem, never an out-of-bounds read or a huge allocation.
 */
final class DicomEncapsulated {
    private static final int ITEM = 0xE000;
    private static final int SEQUENCE_DELIMITER = 0xE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private DicomEncapsulated() {
    }

    /** A run of bytes inside the file. */
    record Span(int offset, int length) {
    }

    /** One frame's compressed bitstream: {@code length} bytes of {@code data} from {@code offset}. */
    record Frame(byte[] data, int offset, int length) {
    }

    /**
     * The frames of the Pixel Data element whose tag starts at {@code pixelDataAt} (explicit VR
     * little endian, the only encoding of the encapsulated syntaxes).
     */
    static List<Frame> frames(byte[] file, int pixelDataAt, int frames, String tsUid) {
        int at = pixelDataAt + 8;
        if (pixelDataAt < 0 || at + 4 > file.length) {
            throw truncated(tsUid);
        }
        if (DicomFileCheck.u32le(file, at) != UNDEFINED) {
            throw RadgateException.badInput("compressed transfer syntax " + DicomTransferSyntax.describe(tsUid)
                    + " but the Pixel Data is not encapsulated (it has a defined length)");
        }
        at += 4;
        List<Span> items = new ArrayList<>();
        boolean delimited = false;
        while (at < file.length) {
            if (at + 8 > file.length) {
                throw truncated(tsUid);
            }
            int group = DicomFileCheck.u16le(file, at);
            int element = DicomFileCheck.u16le(file, at + 2);
            long length = DicomFileCheck.u32le(file, at + 4);
            if (group == 0xFFFE && element == SEQUENCE_DELIMITER) {
                delimited = true;
                break;
            }
            if (group != 0xFFFE || element != ITEM) {
                throw RadgateException.badInput("encapsulated pixel data in transfer syntax "
                        + DicomTransferSyntax.describe(tsUid) + " is malformed: expected an item, found ("
                        + hex(group) + "," + hex(element) + ")");
            }
            if (length > file.length - at - 8) {
                throw truncated(tsUid);
            }
            items.add(new Span(at + 8, (int) length));
            at += 8 + (int) length;
        }
        // Like PixelMed, a sequence that ends with the file after a whole item is accepted
        // without its delimiter; the codec judges the data.
        if (!delimited && at != file.length) {
            throw truncated(tsUid);
        }
        if (items.size() < 2) {
            throw RadgateException.badInput("no compressed frames in the pixel data of transfer syntax "
                    + DicomTransferSyntax.describe(tsUid) + ": expected " + frames + "; it is missing or truncated");
        }
        Span table = items.get(0);
        List<Span> fragments = items.subList(1, items.size());
        List<List<Span>> split = split(file, table, fragments, frames);
        if (split.size() != frames) {
            throw RadgateException.badInput("pixel data in transfer syntax " + DicomTransferSyntax.describe(tsUid)
                    + " holds " + split.size() + " compressed frame(s), expected " + frames
                    + "; it is truncated or its frames cannot be told apart");
        }
        List<Frame> out = new ArrayList<>(frames);
        for (List<Span> f : split) {
            out.add(join(file, f));
        }
        return out;
    }

    /** A frame in one fragment points into the file; one in several is copied together. */
    private static Frame join(byte[] file, List<Span> fragments) {
        if (fragments.size() == 1) {
            return new Frame(file, fragments.get(0).offset(), fragments.get(0).length());
        }
        byte[] all = new byte[fragments.stream().mapToInt(Span::length).sum()];
        int at = 0;
        for (Span s : fragments) {
            System.arraycopy(file, s.offset(), all, at, s.length());
            at += s.length();
        }
        return new Frame(all, 0, all.length);
    }

    private static List<List<Span>> split(byte[] file, Span table, List<Span> fragments, int frames) {
        if (frames == 1) {
            return List.of(fragments);
        }
        List<List<Span>> byTable = byOffsetTable(file, table, fragments, frames);
        if (byTable != null) {
            return byTable;
        }
        List<List<Span>> out = new ArrayList<>();
        if (fragments.size() == frames) {
            fragments.forEach(f -> out.add(List.of(f)));
            return out;
        }
        List<Span> current = new ArrayList<>();
        for (Span f : fragments) {
            Span previous = current.isEmpty() ? null : current.get(current.size() - 1);
            current.add(f);
            if (endsWithEndMarker(file, previous, f)) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Frames from a Basic Offset Table (offsets of each frame's first item, from the first fragment's item tag); null if absent or inconsistent. */
    private static List<List<Span>> byOffsetTable(byte[] file, Span table, List<Span> fragments, int frames) {
        if (table.length() != 4L * frames) {
            return null;
        }
        long firstItemTag = fragments.get(0).offset() - 8L;
        List<List<Span>> out = new ArrayList<>(frames);
        int next = 0;
        for (int f = 0; f < frames; f++) {
            long start = DicomFileCheck.u32le(file, table.offset() + 4 * f);
            long end = f + 1 < frames ? DicomFileCheck.u32le(file, table.offset() + 4 * (f + 1)) : Long.MAX_VALUE;
            if (next >= fragments.size() || fragments.get(next).offset() - 8L - firstItemTag != start) {
                return null;
            }
            List<Span> frame = new ArrayList<>();
            while (next < fragments.size() && fragments.get(next).offset() - 8L - firstItemTag < end) {
                frame.add(fragments.get(next++));
            }
            out.add(frame);
        }
        return next == fragments.size() ? out : null;
    }

    /**
     * Whether the fragment ends a frame: its data ends with FFD9 (JPEG EOI, JPEG 2000 EOC),
     * trailing zero padding aside; the FF may end the frame's previous fragment.
     */
    private static boolean endsWithEndMarker(byte[] file, Span previous, Span f) {
        int end = f.offset() + f.length() - 1;
        while (end >= f.offset() && file[end] == 0) {
            end--;
        }
        if (end < f.offset() || (file[end] & 0xFF) != 0xD9) {
            return false;
        }
        if (end > f.offset()) {
            return (file[end - 1] & 0xFF) == 0xFF;
        }
        return previous != null && previous.length() > 0
                && (file[previous.offset() + previous.length() - 1] & 0xFF) == 0xFF;
    }

    private static RadgateException truncated(String tsUid) {
        return RadgateException.badInput("DICOM file is truncated: pixel data in transfer syntax "
                + DicomTransferSyntax.describe(tsUid) + " ends early");
    }

    private static String hex(int v) {
        return String.format("%04X", v);
    }
}
