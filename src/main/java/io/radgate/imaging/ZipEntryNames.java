package io.radgate.imaging;

import io.radgate.error.RadgateException;

/**
 * Checks on the names of ZIP entries. radgate never writes entries to disk, but entry names
 * reach logs, error messages and code that may one day extract, so a name that would escape
 * the extraction directory rejects the whole upload: the user should learn that their
 * archive is unusual rather than get a result computed from fewer files than they sent.
 */
public final class ZipEntryNames {
    private ZipEntryNames() {
    }

    /**
     * Rejects (BAD_INPUT, naming the entry) a name that is empty, holds a NUL, is absolute
     * ({@code /x}, {@code \x}, {@code C:x}) or has a {@code ..} segment. Backslashes count as
     * separators: archives made on Windows sometimes use them, and extractors there honour them.
     */
    public static void requireSafe(String name) {
        if (name.isEmpty()) {
            throw RadgateException.badInput("ZIP entry with an empty name");
        }
        if (name.indexOf('\0') >= 0) {
            throw unsafe(name, "contains a NUL character");
        }
        String path = name.replace('\\', '/');
        if (path.startsWith("/")) {
            throw unsafe(name, "is an absolute path");
        }
        if (path.length() >= 2 && path.charAt(1) == ':' && isAsciiLetter(path.charAt(0))) {
            throw unsafe(name, "starts with a drive letter");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                throw unsafe(name, "climbs out of the archive with '..'");
            }
        }
    }

    /** The part after the last {@code /} or {@code \}; for a directory entry ({@code a/b/}) the empty string. */
    public static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    /** Whether the entry is a directory: its name ends with a separator. */
    public static boolean isDirectory(String name) {
        return name.endsWith("/") || name.endsWith("\\");
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static RadgateException unsafe(String name, String why) {
        return RadgateException.badInput("ZIP entry \"" + printable(name) + "\" " + why + "; the archive is refused");
    }

    /** The name with control characters escaped, so that it can be quoted in a message. */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), 200));
        for (int i = 0; i < name.length() && sb.length() < 200; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
