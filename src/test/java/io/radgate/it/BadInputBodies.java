package io.radgate.it;

import io.radgate.testing.DicomBytes;
import io.radgate.testing.NiftiBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Well-formed request bodies for every route (the bases the bad-input suite mutates) and the
 * malformed files of issue 8 item 9 that go inside them. Everything is synthetic and made from
 * a seed.
 */
final class BadInputBodies {
    static final String SERIES = "1.2.826.0.1.3680043.9.7.2";

    private BadInputBodies() {
    }

    /** A small valid DICOM slice. */
    static byte[] dicom(long seed) {
        return new DicomBytes(32, 24, seed).bytes();
    }

    /** The DICOM files of item 9: sequences 2,000 deep, RescaleSlope 0, a length forged to 1 GiB by one bit. */
    static Map<String, byte[]> malformedDicoms(long seed) {
        byte[] forged = new DicomBytes(32, 24, seed).trailingPadding(new byte[16]).bytes();
        DicomBytes.putU32(forged, DicomBytes.longLengthOffset(forged, 0xFFFC, 0xFFFC), 16 | 1L << 30);
        byte[] forgedPixels = new DicomBytes(32, 24, seed).bytes();
        int at = DicomBytes.longLengthOffset(forgedPixels, 0x7FE0, 0x0010);
        DicomBytes.putU32(forgedPixels, at, (32 * 24 * 2) | 1L << 30);
        return Map.of(
                "dicom nested 2000 deep", new DicomBytes(32, 24, seed).nested(2000).bytes(),
                "dicom RescaleSlope 0", new DicomBytes(32, 24, seed).rescale("0", "-1024").bytes(),
                "dicom trailing element forged to 1 GiB", forged,
                "dicom Pixel Data forged to 1 GiB", forgedPixels);
    }

    static String kserveJson(Random r) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            data.append(i == 0 ? "" : ",").append(r.nextInt(256));
        }
        return "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,4,4],\"datatype\":\"UINT8\",\"data\":[" + data + "]}]}";
    }

    /** Arterys: multipart/related, part 0 the request JSON, then DICOM parts; returns {contentType, body}. */
    static Object[] arterys(List<byte[]> dicoms, String boundary) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ascii(b, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"request_json\"; filename=\"request\""
                + "\r\nContent-Type: text/json\r\n\r\n{\"inference_command\": \"get-probability-mask-2D\"}\r\n");
        for (int i = 0; i < dicoms.size(); i++) {
            ascii(b, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + i + "\"; filename=\"" + i
                    + ".dcm\"\r\nContent-Type: application/dicom\r\n\r\n");
            b.writeBytes(dicoms.get(i));
            ascii(b, "\r\n");
        }
        ascii(b, "--" + boundary + "--\r\n");
        return new Object[] {"multipart/related; boundary=\"" + boundary + "\"", b.toByteArray()};
    }

    /** MD.ai: the msgpack map MD.ai's client packs. */
    static byte[] mdai(List<byte[]> files) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(3);
            p.packString("files");
            p.packArrayHeader(files.size());
            for (byte[] f : files) {
                p.packMapHeader(2);
                p.packString("content");
                p.packBinaryHeader(f.length);
                p.writePayload(f);
                p.packString("content_type");
                p.packString("application/dicom");
            }
            p.packString("annotations");
            p.packArrayHeader(0);
            p.packString("args");
            p.packMapHeader(0);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gray PNG, as MedImageParse clients send (base64 inside JSON). */
    static byte[] png(Random r) {
        java.awt.image.BufferedImage im = new java.awt.image.BufferedImage(48, 40,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 48; x++) {
                im.getRaster().setSample(x, y, 0, r.nextInt(256));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(im, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String mip(byte[] image, String prompt) {
        return "{\"input_data\":{\"columns\":[\"image\",\"text\"],\"index\":[0],\"data\":[[\""
                + Base64.getEncoder().encodeToString(image) + "\",\"" + prompt + "\"]]},\"params\":{}}";
    }

    /** A CT-CLIP study: {@code slices} DICOM slices of one series in a ZIP. */
    static byte[] studyZip(int slices, long seed, java.util.function.UnaryOperator<DicomBytes> tweak) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < slices; i++) {
                z.putNextEntry(new ZipEntry("study/slice" + i + ".dcm"));
                z.write(tweak.apply(new DicomBytes(48, 48, seed + i).pixelSpacing("8\\8").slice(SERIES, i, 16.0)).bytes());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] nifti() {
        return new NiftiBytes(24, 24, 24).pixdim(16, 16, 16).bytes();
    }

    /** multipart/form-data with one file field, framed as python-requests frames it; returns {contentType, body}. */
    static Object[] form(String filename, String contentType, byte[] data, String boundary) {
        return form("file", filename, contentType, data, boundary);
    }

    /** The same with the file field named {@code field}. */
    static Object[] form(String field, String filename, String contentType, byte[] data, String boundary) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ascii(b, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        b.writeBytes(data);
        ascii(b, "\r\n--" + boundary + "--\r\n");
        return new Object[] {"multipart/form-data; boundary=" + boundary, b.toByteArray()};
    }

    static void ascii(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
