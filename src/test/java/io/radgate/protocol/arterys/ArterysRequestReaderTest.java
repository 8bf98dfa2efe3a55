package io.radgate.protocol.arterys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The request body as requests_toolbelt's MultipartEncoder frames it, read back part by part. */
class ArterysRequestReaderTest {
    static final String BOUNDARY = "328669955e6f41faac954595f86b4149";
    static final String JSON = "{\"studyUID\": \"1.2.3\", \"inference_command\": \"get-bounding-box-2d\"}";

    /** A fake DICOM: 128 bytes, DICM, then binary that contains CRLFs, dashes and a near-boundary. */
    static byte[] fakeDicom(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[128] = 'D';
        b[129] = 'I';
        b[130] = 'C';
        b[131] = 'M';
        byte[] tricky = ("\r\n--" + BOUNDARY.substring(0, 20) + "\r\n--\r\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tricky, 0, b, 200, tricky.length);
        return b;
    }

    static byte[] body(byte[] json, byte[]... files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, "request_json", "request", "text/json", json);
        for (int i = 0; i < files.length; i++) {
            boolean dicom = files[i].length >= 132 && files[i][128] == 'D';
            part(out, String.valueOf(i + 1), i + ".dcm", dicom ? "application/dicom" : "application/octet-stream", files[i]);
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String name, String file, String type, byte[] content) {
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static ArterysRequestReader.Request read(String ct, byte[] body) {
        return ArterysRequestReader.read(ct, new ByteArrayInputStream(body), 1 << 20);
    }

    @Test
    void readsEveryPartInOrderWithAQuotedBoundaryAndHashesThemAll() throws Exception {
        byte[] json = JSON.getBytes(StandardCharsets.UTF_8);
        byte[] attachment = "a note\r\nwith lines\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] d1 = fakeDicom(5000, 1);
        byte[] d2 = fakeDicom(300_000, 2); // one long binary "line"
        ArterysRequestReader.Request r = read("multipart/related; boundary=\"" + BOUNDARY + "\"",
                body(json, attachment, d1, d2));
        assertEquals(JSON, r.json());
        assertEquals(3, r.files().size());
        assertArrayEquals(attachment, r.files().get(0).content());
        assertFalse(r.files().get(0).isDicom(), "an octet-stream attachment without DICM is skipped for inference");
        assertArrayEquals(d1, r.files().get(1).content());
        assertArrayEquals(d2, r.files().get(2).content());
        assertTrue(r.files().get(1).isDicom());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] b : new byte[][] {json, attachment, d1, d2}) {
            sha.update(b);
        }
        assertEquals(Hashes.hex(sha.digest()), r.inputHash(), "sha256 over ALL parts, the JSON included");
        assertEquals(64, r.inputHash().length());
    }

    @Test
    void unquotedBoundaryWorksToo() {
        ArterysRequestReader.Request r = read("multipart/related; boundary=" + BOUNDARY,
                body(JSON.getBytes(StandardCharsets.UTF_8), fakeDicom(1000, 3)));
        assertEquals(1, r.files().size());
    }

    @Test
    void wrongContentTypeIsTheOriginalsMessage() {
        RadgateException e = assertThrows(RadgateException.class, () -> read("application/json", new byte[0]));
        assertEquals("invalid content-type application/json", e.getMessage());
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertEquals("invalid content-type null", assertThrows(RadgateException.class, () -> read(null, new byte[0]))
                .getMessage());
    }

    @Test
    void brokenBodiesAreBadInput() {
        byte[] good = body(JSON.getBytes(StandardCharsets.UTF_8), fakeDicom(1000, 4));
        assertEquals(ErrorKind.BAD_INPUT, assertThrows(RadgateException.class,
                () -> read("multipart/related", good)).kind(), "no boundary");
        assertEquals(ErrorKind.BAD_INPUT, assertThrows(RadgateException.class,
                () -> read("multipart/related; boundary=other", good)).kind(), "boundary that never occurs");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 60);
        assertEquals(ErrorKind.BAD_INPUT, assertThrows(RadgateException.class,
                () -> read("multipart/related; boundary=" + BOUNDARY, truncated)).kind(), "no closing delimiter");
        assertEquals(ErrorKind.BAD_INPUT, assertThrows(RadgateException.class,
                () -> read("multipart/related; boundary=" + BOUNDARY, new byte[0])).kind(), "empty body");
    }

    @Test
    void aPartOverTheLimitIsTooLarge() {
        byte[] b = body(JSON.getBytes(StandardCharsets.UTF_8), fakeDicom(4000, 5));
        RadgateException e = assertThrows(RadgateException.class, () -> ArterysRequestReader.read(
                "multipart/related; boundary=" + BOUNDARY, new ByteArrayInputStream(b), 2000));
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
    }

    @Test
    void commandIsReadFromTheJsonPart() {
        assertEquals(ArterysCommand.BOUNDING_BOX_2D, ArterysJob.requestedCommand(JSON));
        assertEquals(null, ArterysJob.requestedCommand("{\"studyUID\": \"1\"}"));
        assertEquals("unknown inference_command 'other'; radgate answers get-bounding-box-2d, get-probability-mask, "
                        + "get-probability-mask-2D, get-probability-mask-3D, get-classification-labels",
                assertThrows(RadgateException.class, () -> ArterysJob.requestedCommand(
                        "{\"inference_command\": \"other\"}")).getMessage());
        assertThrows(RadgateException.class, () -> ArterysJob.requestedCommand("not json"));
        assertThrows(RadgateException.class, () -> ArterysJob.requestedCommand("[1]"));
        assertThrows(RadgateException.class, () -> ArterysJob.requestedCommand("{\"inference_command\": 3}"));
    }

    @Test
    void requestOptionsBecomeModelParameters() {
        assertEquals(null, ArterysJob.modelParams(ArterysJob.root("{\"studyUID\": \"1\", \"inference_command\": "
                + "\"get-probability-mask\", \"depth\": 3, \"height\": 4, \"width\": 5}")));
        assertEquals("{\"threshold\":0.5,\"min_area\":4,\"flag\":true,\"name\":\"x\"}",
                ArterysJob.modelParams(ArterysJob.root("{\"studyUID\": \"1\", \"threshold\": \"0.5\", "
                        + "\"min_area\": \"4\", \"flag\": \"true\", \"name\": \"x\"}")));
    }
}
