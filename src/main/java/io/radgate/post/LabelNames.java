package io.radgate.post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Class names by index, as in a Triton labels file ({@code label_filename} in a model's
 * config): one name per line, line i naming class i. A trailing newline adds no class, a CR
 * before the newline is dropped, and a blank line leaves its class unnamed.
 */
public final class LabelNames {
    private static final LabelNames NONE = new LabelNames(List.of());

    private final List<String> names;

    private LabelNames(List<String> names) {
        this.names = names;
    }

    public static LabelNames none() {
        return NONE;
    }

    /** Names in class order; null or blank entries leave that class unnamed. */
    public static LabelNames of(List<String> names) {
        List<String> copy = new ArrayList<>(names.size());
        for (String n : names) {
            copy.add(n == null || n.isBlank() ? null : n);
        }
        return new LabelNames(Collections.unmodifiableList(copy));
    }

    public static LabelNames parse(String content) {
        List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(s -> s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
        return of(lines);
    }

    public static LabelNames read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The name of class {@code index}, or null when it has none. */
    public String name(int index) {
        return index >= 0 && index < names.size() ? names.get(index) : null;
    }

    public int size() {
        return names.size();
    }
}
