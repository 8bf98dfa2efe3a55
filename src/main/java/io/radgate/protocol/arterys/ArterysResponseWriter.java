package io.radgate.protocol.arterys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Arterys response: {@code multipart/related} with the parts {@code json-body}
 * (application/json, Python json.dumps text), {@code elem_0..n-1} (one per entry of the JSON's
 * {@code parts}, raw bytes) and {@code hashes} (text/plain, {@code <input>:<output>} sha256).
 * Framing as requests_toolbelt writes it (CRLF, form-data dispositions). The boundary is
 * 32 lowercase hex characters, unquoted in the header; radgate does not reproduce the original's
 * {@code b'<hex>'} artefact (DECISIONS.md).
 */
final class ArterysResponseWriter {
    /** A rendered response: its Content-Type header, body, and the output hash (for logs). */
    record Rendered(String contentType, byte[] body, String outputHash) {
    }

    private ArterysResponseWriter() {
    }

    static Rendered render(Map<String, Object> json, List<Binary> binaries, String inputHash) {
        return render(json, binaries, inputHash, UUID.randomUUID().toString().replace("-", ""));
    }

    /** One binary part: its bytes and content type ({@code application/binary} or {@code application/dicom}). */
    record Binary(byte[] bytes, String contentType) {
    }

    static Rendered render(Map<String, Object> json, List<Binary> binaries, String inputHash, String boundary) {
        Object parts = json.get("parts");
        int declared = parts instanceof List<?> l ? l.size() : 0;
        if (declared != binaries.size()) {
            throw new IllegalStateException("response declares " + declared + " parts but has " + binaries.size()
                    + " buffers");
        }
        byte[] text = PyJson.dumps(json).getBytes(StandardCharsets.UTF_8);
        String outputHash = Hashes.output(text, binaries.stream().map(Binary::bytes).toList());
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 1024
                + binaries.stream().mapToInt(b -> b.bytes().length + 160).sum());
        part(out, boundary, "json-body", "application/json", text);
        for (int i = 0; i < binaries.size(); i++) {
            part(out, boundary, "elem_" + i, binaries.get(i).contentType(), binaries.get(i).bytes());
        }
        part(out, boundary, "hashes", "text/plain",
                Hashes.part(inputHash, outputHash).getBytes(StandardCharsets.US_ASCII));
        ascii(out, "--" + boundary + "--\r\n");
        return new Rendered("multipart/related; boundary=" + boundary, out.toByteArray(), outputHash);
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String type, byte[] content) {
        ascii(out, "--" + boundary + "\r\n");
        ascii(out, "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name + "\"\r\n");
        ascii(out, "Content-Type: " + type + "\r\n\r\n");
        out.writeBytes(content);
        ascii(out, "\r\n");
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
