package io.radgate.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies as the Standard Webhooks specification says (standardwebhooks.com), so
 * receivers verify them with that project's libraries (or Svix's): headers {@code webhook-id},
 * {@code webhook-timestamp} (unix seconds) and {@code webhook-signature} =
 * {@code v1,<base64(HMAC-SHA256(key, id "." timestamp "." body))>}.
 *
 * <p>The secret is read as those libraries read it: an optional {@code whsec_} prefix, then
 * base64 of the key bytes. A secret without the prefix is therefore base64 too (not raw text),
 * so a receiver configured with the same string verifies. A secret that is not base64, or whose
 * key is shorter than {@value #MIN_KEY_BYTES} bytes, is refused when radgate starts. No secret:
 * id and timestamp are still sent, without a signature.
 */
public final class StandardWebhookSigner {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    public static final int MIN_KEY_BYTES = 16;
    private static final String PREFIX = "whsec_";

    private final SecretKeySpec key;

    /**
     * @param secret {@code whsec_<base64>} or {@code <base64>}; null or blank for unsigned
     *               webhooks
     * @throws IllegalArgumentException if the secret is not base64 or too short (the message
     *                                  never contains the secret)
     */
    public StandardWebhookSigner(String secret) {
        if (secret == null || secret.isBlank()) {
            key = null;
            return;
        }
        String encoded = secret.trim();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret is not base64 (expected whsec_<base64>)");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the webhook secret's key is " + bytes.length
                    + " bytes; at least " + MIN_KEY_BYTES + " are needed (the specification suggests 24 to 64)");
        }
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public boolean signs() {
        return key != null;
    }

    /** The headers for one attempt, in the order written: id, timestamp, then the signature if any. */
    public Map<String, String> headers(String id, long timestampSeconds, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(TIMESTAMP, Long.toString(timestampSeconds));
        if (key != null) {
            headers.put(SIGNATURE, sign(id, timestampSeconds, body));
        }
        return headers;
    }

    /** {@code v1,<base64 signature>}; only when a secret was given. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        if (key == null) {
            throw new IllegalStateException("no webhook secret configured");
        }
        if (id.indexOf('.') >= 0) {
            // the signed content is id.timestamp.body: a dot in the id would make it ambiguous
            throw new IllegalArgumentException("a webhook id must not contain '.'");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
