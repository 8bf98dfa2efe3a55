package io.radgate.protocol.ctclip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A multipart/form-data body framed as python-requests frames {@code files={"file": (name,
 * fh, "application/zip")}}: a 32-hex-digit boundary, one part with Content-Disposition and
 * Content-Type, CRLF line ends, closing delimiter with a trailing CRLF.
 */
final class FormData {
    final String boundary = HexFormat.of().formatHex(randomBytes());
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    FormData file(String field, String filename, String contentType, byte[] data) {
        ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(data);
        ascii("\r\n");
        return this;
    }

    FormData field(String field, String value) {
        ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body.toByteArray());
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private void ascii(String s) {
        body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
