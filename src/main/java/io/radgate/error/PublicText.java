package io.radgate.error;

import java.util.regex.Pattern;

/**
 * Text fit for a response body: no Java class names of exceptions and no stack frames. Error
 * messages often embed a library's own message, and those can carry a wrapped exception's
 * {@code toString()} ("java.util.zip.DataFormatException: invalid code lengths set"); a client
 * learns nothing from the class name, and it tells an attacker what radgate is made of.
 */
public final class PublicText {
    /** A qualified throwable class name, nested classes included, with the ": " that follows it. */
    private static final Pattern THROWABLE = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.)+(?:[A-Za-z_][\\w]*\\$)*[A-Z][\\w]*(?:Exception|Error|Throwable)\\b(?::\\s*)?");
    /** A stack frame: "at pkg.Class.method(File.java:12)". */
    private static final Pattern FRAME = Pattern.compile(
            "\\s*\\bat [\\w$./]+\\.[\\w$<>]+\\([^)]*\\)");

    private PublicText() {
    }

    /** {@code text} without Java throwable names and stack frames; null stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        String s = FRAME.matcher(text).replaceAll("");
        s = THROWABLE.matcher(s).replaceAll("").trim();
        return s.isEmpty() ? "failed" : s;
    }
}
