package io.radgate.observability;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * W3C Trace Context ({@code traceparent}): the trace a request belongs to and radgate's span in
 * it. A valid header from the caller keeps its trace id and flags, and radgate's span gets a new
 * id whose parent is the caller's; without one (or with a malformed one, which the spec says to
 * ignore) radgate starts a trace, not sampled. {@link #header()} is what radgate sends on to
 * Triton, so Triton's spans (its OpenTelemetry trace mode) are children of radgate's.
 */
public record TraceParent(String traceId, String spanId, String flags) {
    public static final String HEADER = "traceparent";
    private static final Pattern VALID = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /** The caller's trace continued with a new span of radgate's, or a new trace. */
    public static TraceParent continueOrStart(String header) {
        if (header != null) {
            var m = VALID.matcher(header.trim()); // lower-case hex only, as the spec says
            if (m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals(ZERO_SPAN)) {
                return new TraceParent(m.group(1), newId(8), m.group(3));
            }
        }
        return new TraceParent(newId(16), newId(8), "00");
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String newId(int bytes) {
        byte[] b = new byte[bytes];
        String id;
        do {
            RANDOM.nextBytes(b);
            id = HexFormat.of().formatHex(b);
        } while (id.chars().allMatch(c -> c == '0'));
        return id;
    }
}
