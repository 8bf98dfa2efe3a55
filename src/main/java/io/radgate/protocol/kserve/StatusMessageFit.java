package io.radgate.protocol.kserve;

/**
 * Shortens a gRPC status message so that the trailers carrying it fit the header list size the
 * client advertised (HTTP/2 SETTINGS_MAX_HEADER_LIST_SIZE; grpc-java's default is 8 KiB). Triton
 * echoes names and prompts in its messages; sent whole, a message over the client's limit makes
 * Netty reset the stream, and the client sees a bare "RST_STREAM" instead of Triton's status.
 * Shortened, the client still gets Triton's status code and the start of its message.
 */
final class StatusMessageFit {
    /** Room kept for the other trailer entries (:status, content-type, grpc-status, ...) and their overhead. */
    static final int OTHER_ENTRIES = 1024;

    private StatusMessageFit() {
    }

    static String fit(String message, long maxHeaderListSize) {
        if (message == null || maxHeaderListSize <= 0) {
            return message;
        }
        long budget = maxHeaderListSize - OTHER_ENTRIES;
        if (encodedLength(message) <= budget) {
            return message;
        }
        String note = " ... [%d more characters left out: the client accepts " + maxHeaderListSize
                + " bytes of metadata]";
        long room = Math.max(0, budget - encodedLength(note) - 16);
        int keep = 0;
        long used = 0;
        while (keep < message.length()) {
            int cp = message.codePointAt(keep);
            if (used + cost(cp) > room) {
                break;
            }
            used += cost(cp);
            keep += Character.charCount(cp);
        }
        return message.substring(0, keep) + String.format(note, message.length() - keep);
    }

    /** Bytes {@code s} takes as a grpc-message value: UTF-8, percent-encoded outside printable ASCII and '%'. */
    static long encodedLength(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += cost(cp);
            i += Character.charCount(cp);
        }
        return n;
    }

    private static int cost(int cp) {
        if (cp < 0x80) {
            return cp >= 0x20 && cp <= 0x7E && cp != '%' ? 1 : 3;
        }
        return 3 * (cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
    }
}
