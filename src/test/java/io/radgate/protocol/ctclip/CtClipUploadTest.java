package io.radgate.protocol.ctclip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.radgate.config.Setting;
import io.radgate.observability.ClientNames;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.LogCapture;
import io.radgate.testing.RawHttp;
import io.radgate.testing.TestRadgate;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CT-CLIP uploads that go wrong (issue 8 items 9 and 13): a multipart body cut before its
 * closing boundary, an upload over the limit, a client that leaves mid-upload. Each is answered
 * (or, for the client that left, logged at INFO) at once, and the upload directory is empty
 * afterwards. The client's file name never reaches a log line unless configured.
 */
class CtClipUploadTest {
    private static final String MARKED = "MARKER-Doe^Jane-19700101.zip";

    @TempDir
    Path uploads;
    private FakeTriton triton;
    private TestRadgate radgate;

    @BeforeEach
    void start() throws Exception {
        triton = new FakeTriton().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (radgate != null) {
            radgate.close();
        }
        triton.close();
        ClientNames.configure(ClientNames.Mode.HASH);
    }

    private void radgate(Map<Setting, String> more) {
        Map<Setting, String> s = new java.util.HashMap<>(more);
        s.put(Setting.CTCLIP_UPLOAD_DIR, uploads.toString());
        radgate = TestRadgate.start(triton.target(), s);
    }

    private void assertNothingLeftOnDisk() throws Exception {
        long end = System.nanoTime() + 3_000_000_000L;
        List<Path> left = List.of();
        while (System.nanoTime() < end) {
            try (Stream<Path> files = Files.list(uploads)) {
                left = files.toList();
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        assertTrue(left.isEmpty(), "left in the upload directory: " + left);
    }

    @Test
    void aBodyCutBeforeItsClosingBoundaryIs400AtOnceAndLeavesNothing() throws Exception {
        radgate(Map.of());
        FormData form = new FormData().file("file", "study.zip", "application/zip", new byte[50_000]);
        byte[] whole = form.bytes();
        String closing = "--" + form.boundary + "--\r\n";
        // cut inside the part's headers, inside the file's bytes, and just before the closing delimiter
        for (int cut : new int[] {60, 20_000, whole.length - closing.length()}) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = Http.post(radgate.url("ctclip", "/predict"), form.contentType(),
                    Arrays.copyOf(whole, cut));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(400, r.statusCode(), "cut at " + cut + ": " + Http.text(r));
            assertTrue(Http.text(r).contains("closing boundary"), Http.text(r));
            assertTrue(ms < 5000, "answered after " + ms + " ms");
            assertNothingLeftOnDisk();
        }
    }

    @Test
    void anUploadOverTheLimitIs413AndLeavesNothing() throws Exception {
        radgate(Map.of(Setting.CTCLIP_MAX_UPLOAD_BYTES, "20000"));
        FormData form = new FormData().file("file", "study.zip", "application/zip", new byte[100_000]);
        HttpResponse<byte[]> r = Http.post(radgate.url("ctclip", "/predict"), form.contentType(), form.bytes());
        assertEquals(413, r.statusCode(), Http.text(r));
        assertNothingLeftOnDisk();
    }

    @Test
    void aClientThatLeavesMidUploadIsInfoNotErrorAndLeavesNothing() throws Exception {
        radgate(Map.of());
        FormData form = new FormData().file("file", MARKED, "application/zip", new byte[2_000_000]);
        byte[] whole = form.bytes();
        try (LogCapture logs = new LogCapture()) {
            try (RawHttp c = new RawHttp(radgate.radgate().port("ctclip"))) {
                c.send("POST /predict HTTP/1.1\r\nHost: a\r\nContent-Type: " + form.contentType()
                        + "\r\nContent-Length: " + whole.length + "\r\n\r\n");
                c.send(Arrays.copyOf(whole, 500_000));
                Thread.sleep(200);
            }
            assertNothingLeftOnDisk();
            Thread.sleep(300);
            List<LogCapture.Line> lines = logs.lines();
            assertTrue(lines.stream().noneMatch(l -> l.level().isGreaterOrEqual(Level.WARN)),
                    "an aborted upload logged above INFO: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.level() == Level.INFO && l.text().contains("aborted")),
                    "no INFO line for the aborted upload: " + lines);
            assertTrue(lines.stream().noneMatch(l -> l.text().contains("MARKER")), lines.toString());
        }
    }

    @Test
    void theUploadNameIsLoggedAsAHashUnlessConfiguredPlain() throws Exception {
        radgate(Map.of());
        List<LogCapture.Line> hashed = uploadMarked("/predict", MARKED);
        assertTrue(hashed.stream().noneMatch(l -> l.text().contains("MARKER")), "the file name was logged: " + hashed);
        assertTrue(hashed.stream().anyMatch(l -> l.text().contains(ClientNames.hashed(MARKED))),
                "no line carries the name's hash: " + hashed);
        String nifti = "MARKER-Doe^Jane.nii.gz";
        List<LogCapture.Line> niftiLines = uploadMarked("/predict_nifti", nifti);
        assertTrue(niftiLines.stream().noneMatch(l -> l.text().contains("MARKER")), niftiLines.toString());
        radgate.close();
        radgate = null;

        radgate(Map.of(Setting.LOGGING_CLIENT_NAMES, "plain"));
        List<LogCapture.Line> plain = uploadMarked("/predict", MARKED);
        assertTrue(plain.stream().anyMatch(l -> l.text().contains(MARKED)), "plain mode hides the name: " + plain);
    }

    /** A marked name with bytes that are not a ZIP (400 after the upload is accepted); the log lines of that request. */
    private List<LogCapture.Line> uploadMarked(String path, String name) throws IOException, InterruptedException {
        try (LogCapture logs = new LogCapture()) {
            FormData form = new FormData().file("file", name, "application/zip",
                    "not an archive".getBytes(StandardCharsets.US_ASCII));
            HttpResponse<byte[]> r = Http.post(radgate.url("ctclip", path), form.contentType(), form.bytes());
            assertFalse(r.statusCode() < 400 || r.statusCode() >= 500, r.statusCode() + " " + Http.text(r));
            Thread.sleep(200); // the access line is written when the response ends
            return logs.lines();
        }
    }

    @Test
    void aStallingUploadIsCutByTheBodyTimeoutAndLeavesNothing() throws Exception {
        radgate(Map.of(Setting.HTTP_BODY_TIMEOUT_MS, "700"));
        FormData form = new FormData().file("file", "study.zip", "application/zip", new byte[100_000]);
        byte[] whole = form.bytes();
        try (RawHttp c = new RawHttp(radgate.radgate().port("ctclip"))) {
            c.send("POST /predict HTTP/1.1\r\nHost: a\r\nContent-Type: " + form.contentType()
                    + "\r\nContent-Length: " + whole.length + "\r\n\r\n");
            c.send(Arrays.copyOf(whole, 30_000));
            RawHttp.Answer a = c.read(Duration.ofSeconds(5));
            assertEquals(408, a.status(), a.toString());
        }
        assertNothingLeftOnDisk();
    }
}
