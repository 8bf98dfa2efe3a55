package io.radgate.observability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How a name chosen by a client (an upload's file name, a ZIP entry name) appears in a log
 * line. Such names often carry patient names, so by default (DECISIONS.md, "Logs") a log line
 * holds {@code sha256:<first 12 hex digits>/<length in characters>}: the same name always
 * gives the same text, so one upload can be followed through the logs, but the name is not
 * there. {@code logging.client-names = plain} logs the names themselves.
 *
 * <p>Every place that logs a client-chosen name goes through {@link #forLog}.
 */
public final class ClientNames {
    /** The two ways of logging a client-chosen name. */
    public enum Mode { HASH, PLAIN }

    private static volatile Mode mode = Mode.HASH;

    private ClientNames() {
    }

    /** Sets the process-wide mode (from {@code logging.client-names} at start-up). */
    public static void configure(Mode m) {
        mode = m;
    }

    public static Mode mode() {
        return mode;
    }

    /** {@code hash} or {@code plain} (any case). */
    public static Mode parse(String value) {
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("logging.client-names must be hash or plain, got '" + value + "'");
        }
    }

    /** What a log line may carry for {@code name}; null stays null. */
    public static String forLog(String name) {
        if (name == null) {
            return null;
        }
        return mode == Mode.PLAIN ? name : hashed(name);
    }

    /** {@code sha256:<12 hex>/<length>}, whatever the mode. */
    public static String hashed(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d, 0, 6) + "/" + name.length();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
