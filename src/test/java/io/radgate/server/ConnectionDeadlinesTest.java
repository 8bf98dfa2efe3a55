package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.config.Setting;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.RawHttp;
import io.radgate.testing.TestRadgate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and stalled clients on EVERY listener (issue 8 item 12): half-sent headers, headers or
 * bodies sent one byte at a time, a body shorter than declared, broken chunk framing, an idle
 * kept-alive connection. Timeouts are set small here (header 500 ms, idle 700 ms, body 800 ms);
 * each case must end within its timeout plus a margin, and a request that is merely slow to
 * ANSWER (Triton takes 2 s) must not be cut.
 */
class ConnectionDeadlinesTest {
    private static final long HEADER_MS = 500;
    private static final long IDLE_MS = 700;
    private static final long BODY_MS = 800;
    private static final Duration MARGIN = Duration.ofMillis(2500);
    private static final String KEY = "test-key";

    private static FakeTriton triton;
    private static TestRadgate radgate;

    /** Each HTTP listener with one POST route that reads a body, and the headers it needs to get that far. */
    private static final Map<String, String> POSTS = new LinkedHashMap<>();

    static {
        POSTS.put("health+kserve", "POST /v2/models/m/infer HTTP/1.1\r\nContent-Type: application/json\r\n");
        POSTS.put("arterys", "POST / HTTP/1.1\r\nContent-Type: multipart/related; boundary=b\r\n");
        POSTS.put("mdai", "POST /inference HTTP/1.1\r\nContent-Type: application/msgpack\r\n");
        POSTS.put("medimageparse", "POST /score HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                + KEY + "\r\n");
        POSTS.put("ctclip", "POST /predict HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=b\r\n");
    }

    @BeforeAll
    static void start() throws Exception {
        triton = new FakeTriton().start();
        triton.readyModels.add("m");
        radgate = TestRadgate.start(triton.target(), Map.of(
                Setting.HTTP_HEADER_TIMEOUT_MS, String.valueOf(HEADER_MS),
                Setting.HTTP_IDLE_TIMEOUT_MS, String.valueOf(IDLE_MS),
                Setting.HTTP_BODY_TIMEOUT_MS, String.valueOf(BODY_MS),
                Setting.MEDIMAGEPARSE_KEYS, KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        radgate.close();
        triton.close();
    }

    private static int port(String listener) {
        return radgate.radgate().port(listener);
    }

    @Test
    void halfSentHeadersAreClosedOnEveryHttpListener() throws Exception {
        for (String listener : POSTS.keySet()) {
            try (RawHttp c = new RawHttp(port(listener))) {
                c.send("GET /health HTTP/1.1\r\nHost: a\r\n");
                RawHttp.Answer a = c.read(Duration.ofMillis(HEADER_MS).plus(MARGIN));
                assertTrue(a.closed(), listener + ": still open after the header timeout: " + a);
            }
        }
    }

    @Test
    void halfSentHttp2PrefaceAndAPrefaceAloneAreClosedOnTheGrpcListener() throws Exception {
        for (String sent : new String[] {"PRI * HTTP/2.0\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"}) {
            try (RawHttp c = new RawHttp(port("kserve-grpc"))) {
                c.send(sent);
                assertTrue(c.closedWithin(Duration.ofMillis(HEADER_MS).plus(MARGIN)),
                        "gRPC listener kept a connection that sent only " + sent.length() + " preface bytes");
            }
        }
    }

    @Test
    void headersSentOneByteAtATimeAreCutOffOnEveryHttpListener() throws Exception {
        byte[] endless = ("GET /health HTTP/1.1\r\nHost: a\r\nX-Slow: " + "a".repeat(400))
                .getBytes(StandardCharsets.ISO_8859_1);
        for (String listener : POSTS.keySet()) {
            try (RawHttp c = new RawHttp(port(listener))) {
                RawHttp.Answer a = c.trickle(endless, Duration.ofMillis(20), Duration.ofMillis(HEADER_MS).plus(MARGIN));
                assertTrue(a.closed(), listener + ": a slowloris header was still open: " + a);
            }
        }
    }

    @Test
    void aBodySentOneByteAtATimeGets408OnEveryHttpListener() throws Exception {
        for (Map.Entry<String, String> e : POSTS.entrySet()) {
            try (RawHttp c = new RawHttp(port(e.getKey()))) {
                c.send(e.getValue() + "Host: a\r\nContent-Length: 100000\r\n\r\n");
                RawHttp.Answer a = c.trickle(new byte[2000], Duration.ofMillis(20), Duration.ofMillis(BODY_MS).plus(MARGIN));
                assertEquals(408, a.status(), e.getKey() + ": " + a + " " + a.text());
                assertTrue(a.text().contains("did not arrive within " + BODY_MS + " ms"), e.getKey() + ": " + a.text());
                assertTrue(c.closedWithin(MARGIN), e.getKey() + ": connection left open after 408");
            }
        }
    }

    @Test
    void aChunkDeclaredLongerThanSentGets408() throws Exception {
        for (Map.Entry<String, String> e : POSTS.entrySet()) {
            try (RawHttp c = new RawHttp(port(e.getKey()))) {
                c.send(e.getValue() + "Host: a\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + "x".repeat(10));
                RawHttp.Answer a = c.read(Duration.ofMillis(BODY_MS).plus(MARGIN));
                assertEquals(408, a.status(), e.getKey() + ": " + a);
            }
        }
    }

    @Test
    void anInvalidChunkSizeLineGets400NamingIt() throws Exception {
        for (Map.Entry<String, String> e : POSTS.entrySet()) {
            try (RawHttp c = new RawHttp(port(e.getKey()))) {
                c.send(e.getValue() + "Host: a\r\nTransfer-Encoding: chunked\r\n\r\nzz-not-hex\r\nabc\r\n0\r\n\r\n");
                RawHttp.Answer a = c.read(MARGIN);
                assertEquals(400, a.status(), e.getKey() + ": " + a + " " + a.text());
                assertTrue(a.text().contains("framing"), e.getKey() + ": " + a.text());
            }
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosed() throws Exception {
        try (RawHttp c = new RawHttp(port("health+kserve"))) {
            c.send("GET /health/live HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals(200, c.read(MARGIN).status());
            long start = System.nanoTime();
            assertTrue(c.closedWithin(Duration.ofMillis(IDLE_MS).plus(MARGIN)), "idle connection kept open");
            assertTrue((System.nanoTime() - start) / 1_000_000 >= IDLE_MS - 100, "closed before the idle timeout");
        }
    }

    @Test
    void aGrpcCallWhoseMessageNeverArrivesIsResetAfterTheBodyTimeout() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port("kserve-grpc"))) {
            var out = s.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(frame(0x4, 0, 0, new byte[0])); // SETTINGS, empty
            java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
            for (String[] h : new String[][] {{":method", "POST"}, {":scheme", "http"},
                    {":path", "/inference.GRPCInferenceService/ModelInfer"}, {":authority", "a"},
                    {"content-type", "application/grpc"}, {"te", "trailers"}}) {
                block.write(0); // literal header field without indexing, new name (RFC 7541 6.2.2)
                block.write(h[0].length());
                block.writeBytes(h[0].getBytes(StandardCharsets.ISO_8859_1));
                block.write(h[1].length());
                block.writeBytes(h[1].getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write(frame(0x1, 0x4, 1, block.toByteArray())); // HEADERS, END_HEADERS, no END_STREAM: a body follows
            out.flush();
            long start = System.nanoTime();
            s.setSoTimeout((int) (BODY_MS + MARGIN.toMillis()));
            var in = new java.io.DataInputStream(s.getInputStream());
            int type = -1;
            int stream = -1;
            try {
                while (true) {
                    int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
                    type = in.readUnsignedByte();
                    in.readUnsignedByte();
                    stream = in.readInt() & 0x7FFFFFFF;
                    in.skipNBytes(length);
                    if (type == 0x3 && stream == 1 || type == 0x7) { // RST_STREAM for our call, or GOAWAY
                        break;
                    }
                }
            } catch (java.io.EOFException closed) {
                type = -2;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(type == 0x3 || type == 0x7 || type == -2, "frame type " + type);
            assertTrue(ms >= BODY_MS - 100 && ms < BODY_MS + MARGIN.toMillis(), "ended after " + ms + " ms");
        }
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(9 + payload.length);
        b.put((byte) (payload.length >> 16)).put((byte) (payload.length >> 8)).put((byte) payload.length);
        b.put((byte) type).put((byte) flags).putInt(stream).put(payload);
        return b.array();
    }

    @Test
    void aGrpcClientWhoseIdleConnectionWasClosedSimplyReconnects() throws Exception {
        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", port("kserve-grpc"))
                .usePlaintext().build();
        try {
            var stub = io.radgate.triton.proto.GRPCInferenceServiceGrpc.newBlockingStub(channel);
            var live = io.radgate.triton.proto.ServerLiveRequest.getDefaultInstance();
            assertTrue(stub.withDeadlineAfter(5, java.util.concurrent.TimeUnit.SECONDS).serverLive(live).getLive());
            Thread.sleep(IDLE_MS + 1500); // the idle connection is shut down (GOAWAY) meanwhile
            assertTrue(stub.withDeadlineAfter(5, java.util.concurrent.TimeUnit.SECONDS).serverLive(live).getLive());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aRequestThatIsSlowToAnswerIsNotCut() {
        triton.delayMillis = 2000; // longer than every timeout above: the server works, the client waits
        try {
            var r = Http.postJson(radgate.url("/v2/models/m/infer"),
                    "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2],\"datatype\":\"UINT8\",\"data\":[1,2]}]}");
            assertEquals(200, r.statusCode(), Http.text(r));
        } finally {
            triton.delayMillis = 0;
        }
    }
}
