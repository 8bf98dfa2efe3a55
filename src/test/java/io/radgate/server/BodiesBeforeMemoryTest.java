package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.config.Setting;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.TestRadgate;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What radgate decides on a request's headers, before it reads (and holds) a byte of its body:
 * a MedImageParse request without a valid key is 401, and a body that does not fit the memory
 * budget is 503 + Retry-After, on every listener. A client that asks {@code Expect: 100-continue}
 * gets that answer instead of "100 Continue", so it never sends the body.
 */
class BodiesBeforeMemoryTest {
    private static final long BUDGET = 16 << 20;
    private FakeTriton triton;
    private TestRadgate radgate;

    @BeforeEach
    void start() throws Exception {
        triton = new FakeTriton().start();
        radgate = TestRadgate.start(triton.target(), Map.of(Setting.MEDIMAGEPARSE_KEYS, "k1",
                Setting.LIMITS_MEMORY_BUDGET_BYTES, String.valueOf(BUDGET)));
    }

    @AfterEach
    void stop() throws Exception {
        radgate.close();
        triton.close();
    }

    /** Sends only the headers of a POST declaring {@code length} body bytes; returns the first response head. */
    private static String headersOnly(String url, String contentType, long length, String... extra) throws Exception {
        URI u = URI.create(url);
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(5000);
            StringBuilder req = new StringBuilder("POST " + u.getPath() + " HTTP/1.1\r\nHost: " + u.getHost() + "\r\n"
                    + "Content-Type: " + contentType + "\r\nContent-Length: " + length + "\r\nExpect: 100-continue\r\n");
            for (String h : extra) {
                req.append(h).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            StringBuilder head = new StringBuilder();
            int n;
            while (!head.toString().contains("\r\n\r\n") && (n = in.read(buf)) > 0) {
                head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            return head.toString();
        }
    }

    @Test
    void medImageParseChecksTheKeyOnTheHeadersBeforeReadingTheBody() throws Exception {
        String score = radgate.url("medimageparse", "/score");
        String noKey = headersOnly(score, "application/json", 63_000_000);
        assertTrue(noKey.startsWith("HTTP/1.1 401"), noKey);
        String wrongKey = headersOnly(score, "application/json", 63_000_000, "Authorization: Bearer nope");
        assertTrue(wrongKey.startsWith("HTTP/1.1 401"), wrongKey);
        String withKey = headersOnly(score, "application/json", 1000, "Authorization: Bearer k1");
        assertTrue(withKey.startsWith("HTTP/1.1 100"), "an accepted body is asked for: " + withKey);
    }

    @Test
    void aBodyOverWhatIsLeftOfTheBudgetIs503WithRetryAfterOnEveryListener() throws Exception {
        String[][] routes = {
            {radgate.url("medimageparse", "/score"), "application/json", "Authorization: Bearer k1"},
            {radgate.url("mdai", "/inference"), "application/msgpack", "X-Any: 1"},
            {radgate.url("arterys", "/"), "multipart/related; boundary=b", "X-Any: 1"},
            {radgate.url("/v2/models/m/infer"), "application/json", "X-Any: 1"},
            {radgate.url("ctclip", "/predict_nifti"), "application/octet-stream", "X-Any: 1"},
        };
        // a KServe body of 5 MB weighs 15 MB of the 16 MiB budget while it is being sent
        URI holderUri = URI.create(radgate.url("/v2/models/m/infer"));
        try (Socket holder = new Socket(holderUri.getHost(), holderUri.getPort())) {
            holder.setSoTimeout(5000);
            holder.getOutputStream().write(("POST " + holderUri.getPath() + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[64];
            int n = holder.getInputStream().read(buf);
            assertTrue(new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 100"));
            for (String[] r : routes) {
                String head = headersOnly(r[0], r[1], 2_000_000, r[2]);
                assertTrue(head.startsWith("HTTP/1.1 503"), r[0] + ": " + head);
                assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("retry-after: 2"), head);
            }
        }
        // the holder's connection closed: its lease is given back, and the same bodies are asked for
        long deadline = System.nanoTime() + 5_000_000_000L;
        String head = "";
        while (System.nanoTime() < deadline && !head.startsWith("HTTP/1.1 100")) {
            head = headersOnly(routes[1][0], routes[1][1], 2_000_000, routes[1][2]);
            Thread.sleep(50);
        }
        assertTrue(head.startsWith("HTTP/1.1 100"), head);
        // a body that alone needs more than the whole budget can never fit: 413
        String huge = headersOnly(routes[3][0], routes[3][1], 6_000_000);
        assertTrue(huge.startsWith("HTTP/1.1 413"), huge);
    }
}
