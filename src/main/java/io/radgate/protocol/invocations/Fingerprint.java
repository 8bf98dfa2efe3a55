package io.radgate.protocol.invocations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of what makes two requests the same request, for Idempotency-Key. */
final class Fingerprint {
    private Fingerprint() {
    }

    static String of(String... parts) {
        MessageDigest d = sha256();
        for (String p : parts) {
            byte[] b = (p == null ? "\u0000null" : p).getBytes(StandardCharsets.UTF_8);
            d.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
            d.update((byte) ':');
            d.update(b);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static String of(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
