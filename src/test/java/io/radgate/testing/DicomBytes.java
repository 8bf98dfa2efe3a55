package io.radgate.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes small DICOM files (explicit VR little endian, 16-bit monochrome CT) byte by byte, so
 * that tests can make the malformed ones no toolkit writes: sequences nested thousands deep,
 * RescaleSlope 0, lengths that lie, elements after Pixel Data. Every value is synthetic.
 */
public final class DicomBytes {
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";

    private final int rows;
    private final int columns;
    private final long seed;
    private String slope = "1";
    private String intercept = "-1024";
    private int nesting;
    private byte[] trailer;
    private String sopUid;
    private String seriesUid = "1.2.826.0.1.3680043.9.7.2";
    private double z;
    private int instanceNumber = 1;
    private String pixelSpacing = "0.7\\0.7";

    public DicomBytes(int rows, int columns, long seed) {
        this.rows = rows;
        this.columns = columns;
        this.seed = seed;
        this.sopUid = "1.2.826.0.1.3680043.9.7.3." + (seed & 0xFFFFFFL);
    }

    public DicomBytes rescale(String slope, String intercept) {
        this.slope = slope;
        this.intercept = intercept;
        return this;
    }

    /** A private sequence nested {@code depth} levels deep, in the header (before Pixel Data). */
    public DicomBytes nested(int depth) {
        this.nesting = depth;
        return this;
    }

    /** An element after Pixel Data (Data Set Trailing Padding, OB) holding these bytes. */
    public DicomBytes trailingPadding(byte[] bytes) {
        this.trailer = bytes;
        return this;
    }

    /** PixelSpacing, row\\column in mm. */
    public DicomBytes pixelSpacing(String rowCol) {
        this.pixelSpacing = rowCol;
        return this;
    }

    /** Slice {@code index} of a series: its own SOP UID, InstanceNumber and position. */
    public DicomBytes slice(String seriesUid, int index, double spacing) {
        this.seriesUid = seriesUid;
        this.sopUid = seriesUid + ".1." + (index + 1);
        this.instanceNumber = index + 1;
        this.z = index * spacing;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream ds = new ByteArrayOutputStream();
        element(ds, 0x0008, 0x0016, "UI", ui(CT_IMAGE));
        element(ds, 0x0008, 0x0018, "UI", ui(sopUid));
        element(ds, 0x0008, 0x0060, "CS", text("CT"));
        element(ds, 0x0018, 0x0050, "DS", text("1"));
        element(ds, 0x0020, 0x000D, "UI", ui("1.2.826.0.1.3680043.9.7.1"));
        element(ds, 0x0020, 0x000E, "UI", ui(seriesUid));
        element(ds, 0x0020, 0x0013, "IS", text(String.valueOf(instanceNumber)));
        element(ds, 0x0020, 0x0032, "DS", text("0\\0\\" + z));
        element(ds, 0x0020, 0x0037, "DS", text("1\\0\\0\\0\\1\\0"));
        element(ds, 0x0028, 0x0002, "US", u16(1));
        element(ds, 0x0028, 0x0004, "CS", text("MONOCHROME2"));
        element(ds, 0x0028, 0x0010, "US", u16(rows));
        element(ds, 0x0028, 0x0011, "US", u16(columns));
        element(ds, 0x0028, 0x0030, "DS", text(pixelSpacing));
        element(ds, 0x0028, 0x0100, "US", u16(16));
        element(ds, 0x0028, 0x0101, "US", u16(12));
        element(ds, 0x0028, 0x0102, "US", u16(11));
        element(ds, 0x0028, 0x0103, "US", u16(0));
        element(ds, 0x0028, 0x1052, "DS", text(intercept));
        element(ds, 0x0028, 0x1053, "DS", text(slope));
        if (nesting > 0) {
            ds.writeBytes(nestedSequence(nesting));
        }
        byte[] pixels = new byte[rows * columns * 2];
        Random r = new Random(seed);
        for (int i = 0; i < pixels.length; i += 2) {
            int v = r.nextInt(4096);
            pixels[i] = (byte) v;
            pixels[i + 1] = (byte) (v >> 8);
        }
        element(ds, 0x7FE0, 0x0010, "OW", pixels);
        if (trailer != null) {
            element(ds, 0xFFFC, 0xFFFC, "OB", trailer);
        }
        return file(ds.toByteArray());
    }

    /** (0009,1010) SQ, undefined length, each item holding the next level; innermost holds a short string. */
    private static byte[] nestedSequence(int depth) {
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        byte[] open = sequenceOpen();
        byte[] close = sequenceClose();
        for (int i = 0; i < depth; i++) {
            head.writeBytes(open);
        }
        ByteArrayOutputStream leaf = new ByteArrayOutputStream();
        element(leaf, 0x0009, 0x1011, "LO", text("leaf"));
        for (int i = 0; i < depth; i++) {
            tail.writeBytes(close);
        }
        parts.add(head.toByteArray());
        parts.add(leaf.toByteArray());
        parts.add(tail.toByteArray());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }

    private static byte[] sequenceOpen() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        tag(b, 0x0009, 0x1010);
        b.writeBytes("SQ".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[2]);
        b.writeBytes(u32(0xFFFFFFFFL));
        tag(b, 0xFFFE, 0xE000);
        b.writeBytes(u32(0xFFFFFFFFL));
        return b.toByteArray();
    }

    private static byte[] sequenceClose() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        tag(b, 0xFFFE, 0xE00D);
        b.writeBytes(u32(0));
        tag(b, 0xFFFE, 0xE0DD);
        b.writeBytes(u32(0));
        return b.toByteArray();
    }

    private byte[] file(byte[] dataset) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x0002, 0x0001, "OB", new byte[] {0, 1});
        element(meta, 0x0002, 0x0002, "UI", ui(CT_IMAGE));
        element(meta, 0x0002, 0x0003, "UI", ui(sopUid));
        element(meta, 0x0002, 0x0010, "UI", ui(EXPLICIT_LE));
        element(meta, 0x0002, 0x0012, "UI", ui("1.2.826.0.1.3680043.9.7.99"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0002, 0x0000, "UL", u32(meta.size()));
        out.writeBytes(meta.toByteArray());
        out.writeBytes(dataset);
        return out.toByteArray();
    }

    /** Offset of the first byte of {@code needle} in {@code hay}, or -1. */
    public static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Where the 4-byte length of the explicit-VR long-form element (group, element) sits, or -1. */
    public static int longLengthOffset(byte[] file, int group, int element) {
        byte[] t = {(byte) group, (byte) (group >> 8), (byte) element, (byte) (element >> 8)};
        int at = indexOf(file, t);
        return at < 0 ? -1 : at + 8;
    }

    /** Sets a little-endian 32-bit value. */
    public static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >> (8 * i));
        }
    }

    private static void element(ByteArrayOutputStream out, int group, int element, String vr, byte[] value) {
        tag(out, group, element);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (List.of("OB", "OW", "SQ", "UN", "UT").contains(vr)) {
            out.writeBytes(new byte[2]);
            out.writeBytes(u32(value.length));
        } else {
            out.writeBytes(u16(value.length));
        }
        out.writeBytes(value);
    }

    private static void tag(ByteArrayOutputStream out, int group, int element) {
        out.writeBytes(u16(group));
        out.writeBytes(u16(element));
    }

    private static byte[] ui(String uid) {
        byte[] s = uid.getBytes(StandardCharsets.US_ASCII);
        return s.length % 2 == 0 ? s : java.util.Arrays.copyOf(s, s.length + 1);
    }

    private static byte[] text(String v) {
        String s = v.length() % 2 == 0 ? v : v + " ";
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }
}
