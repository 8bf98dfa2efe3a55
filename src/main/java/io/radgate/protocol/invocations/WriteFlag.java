package io.radgate.protocol.invocations;

import io.radgate.error.RadgateException;
import java.util.Locale;
import java.util.Set;

/** The Write-To-GCS header as FastAPI reads a bool header: true/false, 1/0, yes/no, on/off; absent is false. */
final class WriteFlag {
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");

    private WriteFlag() {
    }

    static boolean parse(String header) {
        if (header == null) {
            return false;
        }
        String v = header.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        throw RadgateException.badInput("Write-To-GCS must be true or false, got '"
                + (v.length() > 20 ? v.substring(0, 20) + "..." : v) + "'");
    }
}
