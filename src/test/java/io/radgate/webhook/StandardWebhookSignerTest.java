package io.radgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known answers; WebhookSenderTest has the reference library verify a real delivery. */
class StandardWebhookSignerTest {
    // The test vector the Standard Webhooks and Svix libraries publish in their own tests.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void reproducesThePublishedTestVector() {
        assertEquals(SIGNATURE, new StandardWebhookSigner(SECRET).sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void aSecretWithoutThePrefixIsTheSameBase64Key() {
        assertEquals(SIGNATURE, new StandardWebhookSigner("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void headersCarryIdTimestampAndSignatureInThatOrder() {
        Map<String, String> h = new StandardWebhookSigner(SECRET).headers(ID, TIMESTAMP, BODY);
        assertEquals(List.of("webhook-id", "webhook-timestamp", "webhook-signature"), List.copyOf(h.keySet()));
        assertEquals(ID, h.get("webhook-id"));
        assertEquals("1614265330", h.get("webhook-timestamp"));
        assertEquals(SIGNATURE, h.get("webhook-signature"));
    }

    @Test
    void withoutASecretIdAndTimestampAreStillSent() {
        for (String none : new String[] {null, "", "  "}) {
            StandardWebhookSigner s = new StandardWebhookSigner(none);
            assertFalse(s.signs());
            assertEquals(Map.of("webhook-id", ID, "webhook-timestamp", "1614265330"), s.headers(ID, TIMESTAMP, BODY));
            assertThrows(IllegalStateException.class, () -> s.sign(ID, TIMESTAMP, BODY));
        }
    }

    @Test
    void anyChangeChangesTheSignature() {
        StandardWebhookSigner s = new StandardWebhookSigner(SECRET);
        assertTrue(!SIGNATURE.equals(s.sign(ID, TIMESTAMP + 1, BODY)));
        assertTrue(!SIGNATURE.equals(s.sign(ID + "x", TIMESTAMP, BODY)));
        assertTrue(!SIGNATURE.equals(s.sign(ID, TIMESTAMP, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void secretsThatAreNotBase64OrTooShortAreRefusedWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StandardWebhookSigner("whsec_not*base64!"));
        assertEquals("the webhook secret is not base64 (expected whsec_<base64>)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StandardWebhookSigner("whsec_c2hvcnQ="));
        assertTrue(e.getMessage().startsWith("the webhook secret's key is 5 bytes; at least 16"), e.getMessage());
        assertFalse(e.getMessage().contains("c2hvcnQ"));
    }

    @Test
    void anIdWithADotIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StandardWebhookSigner(SECRET).sign("a.b", TIMESTAMP, BODY));
    }
}
