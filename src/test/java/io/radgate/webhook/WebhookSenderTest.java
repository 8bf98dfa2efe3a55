package io.radgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.testing.PythonEnv;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One attempt against a real receiver on loopback, for each outcome. */
class WebhookSenderTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final byte[] BODY = "{\"id\":\"6f1c\",\"status\":\"COMPLETED\",\"filename\":\"x.png\"}"
            .getBytes(StandardCharsets.UTF_8);

    private Vertx vertx;
    private WebhookSender sender;
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        sender = new WebhookSender(vertx, new WebhookAddressPolicy(List.of("127.0.0.1")), new StandardWebhookSigner(SECRET),
                Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(5));
        receiver = new Receiver();
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String url(Receiver r) {
        return "http://127.0.0.1:" + r.port() + "/hooks/radgate?token=abc";
    }

    static Delivery await(CompletableFuture<Delivery> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void a200IsDeliveredSignedAsTheReferenceLibraryVerifies(@TempDir Path dir) throws Exception {
        Delivery d = await(sender.send(url(receiver), "6f1c2a9e-3b2d-4e55-9a51-0c7d2f9e1a11", BODY));
        assertEquals(Delivery.Outcome.DELIVERED, d.outcome(), d.detail());
        assertEquals(200, d.httpStatus());
        assertEquals("answer 200", d.answerStart());
        assertEquals(1, receiver.seen.size());
        Receiver.Seen seen = receiver.seen.get(0);
        assertEquals("/hooks/radgate?token=abc", seen.path());
        assertEquals(new String(BODY, StandardCharsets.UTF_8), new String(seen.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", seen.headers().get("content-type"));
        assertEquals("127.0.0.1:" + receiver.port(), seen.headers().get("host"));
        assertEquals("6f1c2a9e-3b2d-4e55-9a51-0c7d2f9e1a11", seen.headers().get("webhook-id"));
        long ts = Long.parseLong(seen.headers().get("webhook-timestamp"));
        assertTrue(Math.abs(ts - System.currentTimeMillis() / 1000) < 60, "timestamp " + ts);

        Path headers = dir.resolve("headers.json");
        Path body = dir.resolve("body.json");
        new ObjectMapper().writeValue(headers.toFile(), Map.of(
                "webhook-id", seen.headers().get("webhook-id"),
                "webhook-timestamp", seen.headers().get("webhook-timestamp"),
                "webhook-signature", seen.headers().get("webhook-signature")));
        Files.write(body, seen.body());
        assertEquals("ok", PythonEnv.runScript("verify_webhook.py", SECRET, headers.toString(), body.toString()).trim());
        // and the library refuses a body that was changed on the way
        Files.write(body, "{\"id\":\"6f1c\",\"status\":\"FAILED\"}".getBytes(StandardCharsets.UTF_8));
        try {
            PythonEnv.runScript("verify_webhook.py", SECRET, headers.toString(), body.toString());
            throw new AssertionError("a changed body was verified");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("not verified: No matching signature found"), expected.getMessage());
        }
    }

    @Test
    void withoutASecretNoSignatureHeaderIsSent() throws Exception {
        try (WebhookSender unsigned = new WebhookSender(vertx, new WebhookAddressPolicy(List.of("127.0.0.1")),
                new StandardWebhookSigner(null), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            assertEquals(Delivery.Outcome.DELIVERED, await(unsigned.send(url(receiver), "id-1", BODY)).outcome());
        }
        Map<String, String> h = receiver.seen.get(0).headers();
        assertEquals("id-1", h.get("webhook-id"));
        assertTrue(h.containsKey("webhook-timestamp"));
        assertTrue(!h.containsKey("webhook-signature"), h.toString());
    }

    @Test
    void statusesMapToOutcomes() throws Exception {
        int[] codes = {200, 201, 204, 410, 500, 503, 404, 400, 429};
        Delivery.Outcome[] expected = {Delivery.Outcome.DELIVERED, Delivery.Outcome.DELIVERED, Delivery.Outcome.DELIVERED,
                Delivery.Outcome.GONE, Delivery.Outcome.RETRY, Delivery.Outcome.RETRY, Delivery.Outcome.RETRY,
                Delivery.Outcome.RETRY, Delivery.Outcome.RETRY};
        for (int i = 0; i < codes.length; i++) {
            receiver.answering(Receiver.status(codes[i]));
            Delivery d = await(sender.send(url(receiver), "id-" + i, BODY));
            assertEquals(expected[i], d.outcome(), codes[i] + ": " + d.detail());
            assertEquals(codes[i], d.httpStatus());
        }
        receiver.answering(Receiver.status(500));
        Delivery d = await(sender.send(url(receiver), "id-500", BODY));
        assertEquals("HTTP 500 (10 bytes)", d.detail());
        assertEquals("answer 500", d.answerStart());
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (Receiver other = new Receiver()) {
            receiver.answering(Receiver.redirectTo(url(other)));
            Delivery d = await(sender.send(url(receiver), "id-r", BODY));
            assertEquals(Delivery.Outcome.RETRY, d.outcome());
            assertEquals(302, d.httpStatus());
            assertTrue(d.detail().startsWith("HTTP 302, redirect not followed"), d.detail());
            assertEquals(1, receiver.seen.size());
            assertEquals(0, other.seen.size());
        }
    }

    @Test
    void aRefusedConnectionIsRetried() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Delivery d = await(sender.send("http://127.0.0.1:" + port + "/", "id-c", BODY));
        assertEquals(Delivery.Outcome.RETRY, d.outcome());
        assertEquals(0, d.httpStatus());
        assertTrue(d.detail().toLowerCase().contains("connection refused"), d.detail());
        assertTrue(!d.detail().contains("Exception") && !d.detail().contains("\tat "), d.detail());
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() throws Exception {
        receiver.answering(Receiver.silence());
        long t0 = System.nanoTime();
        Delivery d = await(sender.send(url(receiver), "id-t", BODY));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Delivery.Outcome.RETRY, d.outcome(), d.detail());
        assertEquals(0, d.httpStatus());
        assertEquals("timed out: no answer for 500 ms (read timeout)", d.detail());
        assertTrue(ms >= 400 && ms < 3000, "read timeout 500 ms took " + ms + " ms");
    }

    @Test
    void theOverallTimeoutBoundsASlowTrickle() throws Exception {
        receiver.answering(ex -> {
            ex.sendResponseHeaders(200, 0);
            try {
                for (int i = 0; i < 100; i++) {
                    ex.getResponseBody().write('x');
                    ex.getResponseBody().flush();
                    Thread.sleep(200);  // each chunk within the read timeout, the whole beyond the overall one
                }
            } catch (InterruptedException | java.io.IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (WebhookSender s = new WebhookSender(vertx, new WebhookAddressPolicy(List.of("127.0.0.1")),
                new StandardWebhookSigner(null), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(1500))) {
            long t0 = System.nanoTime();
            Delivery d = await(s.send(url(receiver), "id-slow", BODY));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Delivery.Outcome.RETRY, d.outcome(), d.detail());
            assertEquals("no complete answer within 1500 ms", d.detail());
            assertTrue(ms < 4000, ms + " ms");
        }
    }

    @Test
    void aHugeAnswerIsReadOnlyUpToItsBound() throws Exception {
        receiver.answering(ex -> {
            ex.sendResponseHeaders(500, 0);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'y');
            try {
                for (int i = 0; i < 1600; i++) {  // 100 MiB if anyone read it all
                    ex.getResponseBody().write(chunk);
                }
            } catch (java.io.IOException closedByTheSender) {
                // expected
            }
        });
        Delivery d = await(sender.send(url(receiver), "id-big", BODY));
        assertEquals(Delivery.Outcome.RETRY, d.outcome());
        assertEquals(500, d.httpStatus());
        assertEquals(WebhookSender.ANSWER_START_BYTES, d.answerStart().length());
        assertTrue(d.detail().contains("+ bytes, not read further"), d.detail());
    }

    @Test
    void anAddressRefusedAtSendTimeIsNotContacted() throws Exception {
        try (Receiver two = new Receiver("127.0.0.2", 0)) {
            Delivery d = await(sender.send("http://127.0.0.2:" + two.port() + "/", "id-x", BODY));
            assertEquals(Delivery.Outcome.REFUSED, d.outcome());
            assertEquals("webhook host '127.0.0.2' is a loopback address; refused unless allow-listed in "
                    + "invocations.webhook.allow", d.detail());
            assertEquals(0, two.seen.size());
        }
        assertEquals(Delivery.Outcome.REFUSED, await(sender.send("ftp://127.0.0.1/", "id-f", BODY)).outcome());
    }

    @Test
    void sendIsCallableFromAnEventLoopToo() throws Exception {
        CompletableFuture<Delivery> f = new CompletableFuture<>();
        vertx.runOnContext(v -> sender.send(url(receiver), "id-el", BODY).whenComplete((d, e) -> f.complete(d)));
        assertEquals(Delivery.Outcome.DELIVERED, await(f).outcome());
    }
}
