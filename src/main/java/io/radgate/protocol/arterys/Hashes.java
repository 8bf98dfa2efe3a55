package io.radgate.protocol.arterys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The Arterys {@code hashes} part: {@code <input sha256>:<output sha256>}, lowercase hex, 129 characters. */
final class Hashes {
    private Hashes() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** sha256 of the response JSON text (UTF-8) followed by every binary part, in order. */
    static String output(byte[] jsonUtf8, List<byte[]> buffers) {
        MessageDigest sha = sha256();
        sha.update(jsonUtf8);
        buffers.forEach(sha::update);
        return hex(sha.digest());
    }

    static String part(String inputHash, String outputHash) {
        return inputHash + ":" + outputHash;
    }
}
