package io.radgate.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds ZIP archives byte by byte for the tests, so that headers can say what a hostile
 * archive would say: lying sizes, data descriptors, odd methods, a central directory that
 * disagrees with the entries.
 */
final class ZipTestArchives {
    static final int STORED = 0;
    static final int DEFLATED = 8;

    private final List<Entry> entries = new ArrayList<>();
    private Integer centralDirectoryCountOverride;

    private record Entry(String name, byte[] data, int method, boolean descriptor, Long declaredSize) {
    }

    ZipTestArchives add(String name, byte[] data) {
        return add(name, data, DEFLATED, false, null);
    }

    /**
     * @param descriptor   sizes and CRC follow the data (flag bit 3) instead of sitting in the local header
     * @param declaredSize when not null, the uncompressed size the headers claim (a lie)
     */
    ZipTestArchives add(String name, byte[] data, int method, boolean descriptor, Long declaredSize) {
        entries.add(new Entry(name, data, method, descriptor, declaredSize));
        return this;
    }

    /** Makes the end-of-central-directory record claim this many entries. */
    ZipTestArchives claimEntries(int count) {
        centralDirectoryCountOverride = count;
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
            byte[] body = e.method == DEFLATED ? deflate(e.data) : e.data;
            CRC32 crc = new CRC32();
            crc.update(e.data);
            long usize = e.declaredSize != null ? e.declaredSize : e.data.length;
            int flags = (e.descriptor ? 8 : 0) | 0x800;
            int offset = out.size();
            le32(out, 0x04034b50);
            le16(out, 20);
            le16(out, flags);
            le16(out, e.method);
            le16(out, 0);
            le16(out, 0x21);
            le32(out, e.descriptor ? 0 : (int) crc.getValue());
            le32(out, e.descriptor ? 0 : body.length);
            le32(out, e.descriptor ? 0 : (int) usize);
            le16(out, name.length);
            le16(out, 0);
            out.writeBytes(name);
            out.writeBytes(body);
            if (e.descriptor) {
                le32(out, 0x08074b50);
                le32(out, (int) crc.getValue());
                le32(out, body.length);
                le32(out, (int) usize);
            }
            le32(central, 0x02014b50);
            le16(central, 20);
            le16(central, 20);
            le16(central, flags);
            le16(central, e.method);
            le16(central, 0);
            le16(central, 0x21);
            le32(central, (int) crc.getValue());
            le32(central, body.length);
            le32(central, (int) usize);
            le16(central, name.length);
            le16(central, 0);
            le16(central, 0);
            le16(central, 0);
            le16(central, 0);
            le32(central, 0);
            le32(central, offset);
            central.writeBytes(name);
        }
        int cdOffset = out.size();
        out.writeBytes(central.toByteArray());
        int count = centralDirectoryCountOverride != null ? centralDirectoryCountOverride : entries.size();
        le32(out, 0x06054b50);
        le16(out, 0);
        le16(out, 0);
        le16(out, count);
        le16(out, count);
        le32(out, central.size());
        le32(out, cdOffset);
        le16(out, 0);
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v & 0xFFFF);
        le16(out, (v >>> 16) & 0xFFFF);
    }
}
