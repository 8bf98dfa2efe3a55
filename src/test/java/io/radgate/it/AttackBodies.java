package io.radgate.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The attack run's inputs, made by the test (seeded), never downloaded: PNGs that are small on
 * the wire and huge decoded, MedImageParse and MD.ai bodies, an Arterys body of many tiny parts
 * and a CT-CLIP ZIP with one stored entry far over the per-file limit (streamed to disk).
 */
final class AttackBodies {
    private AttackBodies() {
    }

    /**
     * A valid PNG of {@code width x height} (color type 0 = gray or 2 = RGB, 8-bit), every
     * pixel 0, written row by row through a deflater so it is never whole in memory.
     */
    static byte[] png(int width, int height, boolean rgb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        int32(ihdr, width);
        int32(ihdr, height);
        ihdr.write(new byte[] {8, (byte) (rgb ? 2 : 0), 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] row = new byte[1 + width * (rgb ? 3 : 1)]; // filter 0, then zeros
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9), 1 << 16)) {
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        int32(out, data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        int32(out, (int) crc.getValue());
    }

    private static void int32(OutputStream out, int v) throws IOException {
        out.write(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    /** A MedImageParse body: one row per image, each with {@code prompts}; base64 as encodebytes wraps it. */
    static byte[] score(byte[][] images, String prompts) {
        StringBuilder sb = new StringBuilder("{\"input_data\":{\"columns\":[\"image\",\"text\"],\"index\":[");
        for (int i = 0; i < images.length; i++) {
            sb.append(i == 0 ? "" : ",").append(i);
        }
        sb.append("],\"data\":[");
        for (int i = 0; i < images.length; i++) {
            sb.append(i == 0 ? "" : ",").append("[\"").append(Base64.getMimeEncoder().encodeToString(images[i])
                    .replace("\r\n", "\\n")).append("\\n\",\"").append(prompts).append("\"]");
        }
        return sb.append("]},\"params\":{}}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A MedImageParse body of exactly {@code bytes} bytes whose one image is seeded random bytes (not a PNG). */
    static byte[] scoreOfSize(int bytes, long seed) {
        byte[] head = "{\"input_data\":{\"columns\":[\"image\",\"text\"],\"data\":[[\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\",\"bright\"]]}}".getBytes(StandardCharsets.US_ASCII);
        int b64 = (bytes - head.length - tail.length) / 4 * 4;
        byte[] raw = new byte[b64 / 4 * 3];
        new Random(seed).nextBytes(raw);
        byte[] text = Base64.getEncoder().encode(raw);
        byte[] body = new byte[head.length + text.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(text, 0, body, head.length, text.length);
        System.arraycopy(tail, 0, body, head.length + text.length, tail.length);
        return body;
    }

    /** An MD.ai msgpack body with one PNG file (UIDs in dicom_tags). */
    static byte[] mdai(byte[] png) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(3);
            p.packString("files").packArrayHeader(1);
            p.packMapHeader(3);
            p.packString("content").packBinaryHeader(png.length).writePayload(png);
            p.packString("content_type").packString("image/png");
            p.packString("dicom_tags").packMapHeader(3);
            p.packString("StudyInstanceUID").packString("1.2.826.0.1.3680043.10.1");
            p.packString("SeriesInstanceUID").packString("1.2.826.0.1.3680043.10.1.1");
            p.packString("SOPInstanceUID").packString("1.2.826.0.1.3680043.10.1.1.1");
            p.packString("annotations").packArrayHeader(0);
            p.packString("args").packMapHeader(0);
            return p.toByteArray();
        }
    }

    /** An Arterys multipart/related body: the JSON part, then {@code parts} tiny DICOM-typed parts. */
    static byte[] arterys(String boundary, int parts, long seed) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        sb.append("--").append(boundary).append("\r\nContent-Type: application/json\r\n\r\n")
                .append("{\"inference_command\":\"get-probability-mask-2D\"}\r\n");
        for (int i = 0; i < parts; i++) {
            sb.append("--").append(boundary).append("\r\nContent-Type: application/dicom\r\n\r\n");
            for (int k = 0; k < 16; k++) {
                sb.append((char) ('a' + rnd.nextInt(26)));
            }
            sb.append("\r\n");
        }
        sb.append("--").append(boundary).append("--\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A ZIP (written straight to {@code file}) holding one STORED entry of {@code size} zero bytes. */
    static void storedZip(Path file, String name, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        CRC32 crc = new CRC32();
        for (long left = size; left > 0; left -= block.length) {
            crc.update(block, 0, (int) Math.min(block.length, left));
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry e = new ZipEntry(name);
            e.setMethod(ZipEntry.STORED);
            e.setSize(size);
            e.setCompressedSize(size);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            for (long left = size; left > 0; left -= block.length) {
                zip.write(block, 0, (int) Math.min(block.length, left));
            }
            zip.closeEntry();
        }
    }
}
