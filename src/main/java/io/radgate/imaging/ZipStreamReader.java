package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a ZIP archive as a stream, entry by entry, in memory only: nothing is extracted to
 * disk. Each regular entry that the {@link ZipSkipRule} keeps is handed to a {@link Visitor}
 * with a bounded stream; directories are skipped (nested folders are fine).
 *
 * <p>Bounds, all from {@link ImagingLimits} and all counted on the bytes actually inflated
 * (sizes in headers can lie): entries in the archive ({@code zip.max-entries}), bytes of one
 * entry ({@code imaging.max-file-bytes}), bytes of all entries ({@code zip.max-total-bytes}),
 * and the compression ratio of one entry and of the whole archive ({@code zip.max-ratio}).
 * Skipped entries are inflated to find their end, so they count too. Exceeding a bound is
 * TOO_LARGE (413) naming it; a damaged, truncated or non-ZIP stream is BAD_INPUT (400); an
 * entry whose path would escape the archive rejects the upload (BAD_INPUT naming the entry).
 *
 * <p>At the end the central directory is checked: it must be present and list as many
 * entries as the stream held, so a copy cut off between two entries is refused rather than
 * read as a smaller study.
 *
 * <p>BLOCKING: reads and inflates on the calling thread. Run it on a worker thread, never on
 * a Vert.x event loop.
 */
public final class ZipStreamReader {
    /**
     * Ratios are checked only once an entry (or the archive) has inflated to this many bytes:
     * a small file of zeros legitimately compresses 1000:1, a bomb needs volume to hurt.
     */
    public static final long RATIO_GRACE_BYTES = 1L << 20;

    private static final int EOCD_SIZE = 22;
    private static final int EOCD_MAX_SPAN = EOCD_SIZE + 0xFFFF;
    private static final int EOCD_SIGNATURE = 0x06054b50;

    /** Receives each kept regular entry; may read all, part or none of its stream. */
    @FunctionalInterface
    public interface Visitor {
        void visit(ZipStreamEntry entry) throws IOException;
    }

    /** What one read saw: every entry (directories and skipped ones included), visited ones, inflated bytes. */
    public record Summary(int entries, int visited, int skipped, long uncompressedBytes) {
    }

    private final ImagingLimits limits;
    private final ZipSkipRule skipRule;

    public ZipStreamReader(ImagingLimits limits, ZipSkipRule skipRule) {
        this.limits = limits;
        this.skipRule = skipRule;
    }

    /**
     * Streams the archive in {@code source} to {@code visitor}. Does not close {@code source}.
     *
     * @throws RadgateException TOO_LARGE, BAD_INPUT or UNSUPPORTED_MEDIA as described above,
     *                          also when raised by the entry stream inside the visitor
     * @throws IOException      when {@code source} itself fails, or the visitor throws one
     */
    public Summary read(InputStream source, Visitor visitor) throws IOException {
        TailRecorder tail = new TailRecorder(source);
        // enough of a head to name what a non-ZIP upload is (a DICOM file's magic is at 128)
        PushbackInputStream sniffable = new PushbackInputStream(tail, 512);
        byte[] head = sniffable.readNBytes(512);
        requireZipSignature(head);
        sniffable.unread(head);
        return new Run(new CountingZipInputStream(sniffable), tail).readAll(visitor);
    }

    private static void requireZipSignature(byte[] head) {
        if (head.length == 0) {
            throw RadgateException.badInput("not a valid ZIP archive (the upload is empty)");
        }
        boolean local = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean empty = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 5 && head[3] == 6;
        if (!local && !empty) {
            throw RadgateException.badInput("not a valid ZIP archive (the upload looks like "
                    + ImageFileFormat.describe(head) + ")");
        }
    }

    /** The state of one read. */
    private final class Run {
        private final CountingZipInputStream zip;
        private final TailRecorder tail;
        private int entries;
        private int visited;
        private int skipped;
        private long totalBytes;
        private long compressedOfFinishedEntries;

        Run(CountingZipInputStream zip, TailRecorder tail) {
            this.zip = zip;
            this.tail = tail;
        }

        Summary readAll(Visitor visitor) throws IOException {
            ZipEntry entry;
            while ((entry = nextEntry()) != null) {
                if (++entries > limits.zipMaxEntries()) {
                    throw tooLarge("the ZIP archive has more than " + limits.zipMaxEntries() + " entries ("
                            + ImagingLimits.ZIP_MAX_ENTRIES + ")");
                }
                String name = entry.getName();
                ZipEntryNames.requireSafe(name);
                if (entry.getMethod() != ZipEntry.STORED && entry.getMethod() != ZipEntry.DEFLATED) {
                    throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, "ZIP entry \"" + ZipEntryNames.printable(name)
                            + "\" uses compression method " + entry.getMethod() + "; only stored and deflated are supported");
                }
                EntryStream stream = new EntryStream(name, entry.getMethod() == ZipEntry.STORED);
                if (ZipEntryNames.isDirectory(name) || skipRule.skips(name)) {
                    skipped++;
                    stream.drain();
                    continue;
                }
                if (entry.getSize() > limits.maxFileBytes()) {
                    // the local header says so already: refuse before reading (a lying header is caught while reading)
                    throw tooLarge("ZIP entry \"" + ZipEntryNames.printable(name) + "\" is " + entry.getSize()
                            + " bytes, larger than " + limits.maxFileBytes() + " (" + ImagingLimits.MAX_FILE_BYTES + ")");
                }
                visited++;
                try {
                    visitor.visit(new ZipStreamEntry(name, entry.getSize(), stream));
                } catch (IOException | RuntimeException e) {
                    // the entry stream's own verdict wins over what the visitor made of it
                    stream.rethrowFailure();
                    throw e;
                }
                stream.rethrowFailure();
                stream.drain();
            }
            requireCentralDirectory();
            return new Summary(entries, visited, skipped, totalBytes);
        }

        private ZipEntry nextEntry() throws IOException {
            try {
                return zip.getNextEntry();
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            } catch (IllegalArgumentException e) {
                // a name flagged as UTF-8 that is not
                throw RadgateException.badInput("not a valid ZIP archive (an entry name is not valid UTF-8)");
            }
        }

        /** The end-of-central-directory record must end the stream and count the entries we saw. */
        private void requireCentralDirectory() throws IOException {
            byte[] buf = new byte[8192];
            long afterEntries = tail.count;
            while (tail.read(buf) >= 0) {
                if (tail.count - afterEntries > limits.zipMaxTotalBytes()) {
                    throw tooLarge("the ZIP archive's central directory is larger than " + limits.zipMaxTotalBytes()
                            + " bytes (" + ImagingLimits.ZIP_MAX_TOTAL_BYTES + ")");
                }
            }
            byte[] end = tail.tail();
            for (int pos = end.length - EOCD_SIZE; pos >= 0; pos--) {
                if (le32(end, pos) == EOCD_SIGNATURE && pos + EOCD_SIZE + le16(end, pos + 20) == end.length) {
                    int listed = le16(end, pos + 10);
                    if (listed != 0xFFFF && entries < 0xFFFF && listed != entries) {
                        throw RadgateException.badInput("not a valid ZIP archive (its central directory lists " + listed
                                + " entries but the stream held " + entries + "; damaged or cut off?)");
                    }
                    return;
                }
            }
            throw RadgateException.badInput("not a valid ZIP archive (no end-of-central-directory record; "
                    + "the upload was probably cut off)");
        }

        /** Reads one entry from the archive, counting what it inflates against the limits. */
        private final class EntryStream extends InputStream {
            private final String name;
            private final boolean stored;
            private long bytes;
            private boolean ended;
            private RadgateException failure;

            EntryStream(String name, boolean stored) {
                this.name = name;
                this.stored = stored;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return -1;
                }
                int n;
                try {
                    n = zip.read(b, off, len);
                } catch (ZipException | EOFException e) {
                    throw fail(RadgateException.badInput("not a valid ZIP archive (entry \"" + ZipEntryNames.printable(name)
                            + "\": " + e.getMessage() + ")"));
                }
                if (n < 0) {
                    ended = true;
                    compressedOfFinishedEntries += compressed();
                    return -1;
                }
                bytes += n;
                totalBytes += n;
                checkLimits();
                return n;
            }

            private long compressed() {
                return stored ? bytes : zip.compressedBytesOfEntry();
            }

            private void checkLimits() {
                String quoted = "\"" + ZipEntryNames.printable(name) + "\"";
                if (bytes > limits.maxFileBytes()) {
                    throw fail(tooLarge("ZIP entry " + quoted + " is larger than " + limits.maxFileBytes() + " bytes ("
                            + ImagingLimits.MAX_FILE_BYTES + ")"));
                }
                if (totalBytes > limits.zipMaxTotalBytes()) {
                    throw fail(tooLarge("the ZIP archive expands to more than " + limits.zipMaxTotalBytes() + " bytes ("
                            + ImagingLimits.ZIP_MAX_TOTAL_BYTES + ")"));
                }
                int ratio = limits.zipMaxRatio();
                long compressed = compressed();
                if (bytes > RATIO_GRACE_BYTES && bytes > (double) ratio * Math.max(compressed, 1)) {
                    throw fail(tooLarge("ZIP entry " + quoted + " expands more than " + ratio + ":1 ("
                            + ImagingLimits.ZIP_MAX_RATIO + ")"));
                }
                long archiveCompressed = compressedOfFinishedEntries + compressed;
                if (totalBytes > RATIO_GRACE_BYTES && totalBytes > (double) ratio * Math.max(archiveCompressed, 1)) {
                    throw fail(tooLarge("the ZIP archive expands more than " + ratio + ":1 ("
                            + ImagingLimits.ZIP_MAX_RATIO + ")"));
                }
            }

            private RadgateException fail(RadgateException e) {
                failure = e;
                return e;
            }

            void rethrowFailure() {
                if (failure != null) {
                    throw failure;
                }
            }

            void drain() throws IOException {
                byte[] buf = new byte[8192];
                while (read(buf, 0, buf.length) >= 0) {
                    // counted by read
                }
            }

            @Override
            public void close() {
                // the archive stays open; the rest of the entry is drained (and counted) after the visit
            }
        }
    }

    private static RadgateException corrupt(IOException e) {
        return RadgateException.badInput("not a valid ZIP archive (" + e.getMessage() + ")");
    }

    private static RadgateException tooLarge(String message) {
        return new RadgateException(ErrorKind.TOO_LARGE, message);
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | le16(b, i + 2) << 16;
    }

    /**
     * ZipInputStream with the compressed bytes its inflater consumed for the current entry
     * ({@code inf} is protected API), so the ratio uses exact counts rather than header fields.
     * Names are decoded as ISO-8859-1 unless flagged UTF-8: it never fails on a byte, and the
     * checks here only look at ASCII ({@code / \ . :} and extensions).
     */
    private static final class CountingZipInputStream extends ZipInputStream {
        CountingZipInputStream(InputStream in) {
            super(in, StandardCharsets.ISO_8859_1);
        }

        long compressedBytesOfEntry() {
            return inf.getBytesRead();
        }
    }

    /** Passes bytes through, counting them and keeping the last ones, where the end-of-central-directory record is. */
    private static final class TailRecorder extends FilterInputStream {
        private final byte[] ring = new byte[EOCD_MAX_SPAN];
        private long count;

        TailRecorder(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                ring[(int) (count++ % ring.length)] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            for (int i = 0; i < n; ) {
                int at = (int) (count % ring.length);
                int chunk = Math.min(n - i, ring.length - at);
                System.arraycopy(b, off + i, ring, at, chunk);
                i += chunk;
                count += chunk;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // read through, so that skipped bytes are recorded too
            byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        byte[] tail() {
            int size = (int) Math.min(count, ring.length);
            byte[] out = new byte[size];
            int start = (int) ((count - size) % ring.length);
            int first = Math.min(size, ring.length - start);
            System.arraycopy(ring, start, out, 0, first);
            System.arraycopy(ring, 0, out, first, size - first);
            return out;
        }
    }
}
