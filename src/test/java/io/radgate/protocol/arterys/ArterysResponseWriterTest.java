package io.radgate.protocol.arterys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArterysResponseWriterTest {
    private static final String IN = "a".repeat(64);

    @Test
    void framingPartsAndHashes() throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol_version", "1.0");
        json.put("parts", List.of(Map.of("binary_type", "probability_mask")));
        byte[] mask = {0, (byte) 255, 13, 10};
        ArterysResponseWriter.Rendered r = ArterysResponseWriter.render(json,
                List.of(new ArterysResponseWriter.Binary(mask, "application/binary")), IN, "b0");
        String text = "{\"protocol_version\": \"1.0\", \"parts\": [{\"binary_type\": \"probability_mask\"}]}";
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update(mask);
        String out = Hashes.hex(sha.digest());
        assertEquals(out, r.outputHash());
        assertEquals("multipart/related; boundary=b0", r.contentType());
        String expected = "--b0\r\nContent-Disposition: form-data; name=\"json-body\"; filename=\"json-body\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + text + "\r\n"
                + "--b0\r\nContent-Disposition: form-data; name=\"elem_0\"; filename=\"elem_0\"\r\n"
                + "Content-Type: application/binary\r\n\r\n\u0000\u00ff\r\n\r\n"
                + "--b0\r\nContent-Disposition: form-data; name=\"hashes\"; filename=\"hashes\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + IN + ":" + out + "\r\n--b0--\r\n";
        assertEquals(expected, new String(r.body(), StandardCharsets.ISO_8859_1));
        assertEquals(129, (IN + ":" + out).length());
    }

    @Test
    void randomBoundaryIs32Hex() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("parts", List.of());
        String ct = ArterysResponseWriter.render(json, List.of(), IN).contentType();
        assertEquals(true, ct.matches("multipart/related; boundary=[0-9a-f]{32}"), ct);
    }

    @Test
    void everyPartNeedsItsBuffer() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("parts", List.of(Map.of()));
        assertThrows(IllegalStateException.class, () -> ArterysResponseWriter.render(json, List.of(), IN));
    }
}
