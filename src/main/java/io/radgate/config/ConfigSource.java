package io.radgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Resolves every {@link Setting} to a string: the default, then the config file, then the
 * environment. Unknown keys in the file are an error, so a typo does not silently fall back.
 */
public final class ConfigSource {
    private final Map<Setting, String> values;

    private ConfigSource(Map<Setting, String> values) {
        this.values = values;
    }

    /** Loads from an optional JSON file and the given environment. */
    public static ConfigSource load(Path file, Map<String, String> env) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, s.defaultValue());
        }
        if (file != null) {
            values.putAll(readFile(file));
        }
        for (Setting s : Setting.values()) {
            String v = env.get(s.envVar());
            if (v != null) {
                values.put(s, v.trim());
            }
        }
        return new ConfigSource(values);
    }

    /** Defaults overridden by the given settings; for tests and embedding. */
    public static ConfigSource of(Map<Setting, String> overrides) {
        ConfigSource base = load(null, Map.of());
        base.values.putAll(overrides);
        return base;
    }

    public String get(Setting s) {
        return values.get(s);
    }

    private static Map<Setting, String> readFile(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a JSON object");
        }
        Map<String, String> flat = new HashMap<>();
        flatten("", root, flat);
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        for (Map.Entry<String, String> e : flat.entrySet()) {
            Setting s = byKey(e.getKey());
            if (s == null) {
                throw new ConfigException("unknown setting '" + e.getKey() + "' in " + file);
            }
            out.put(s, e.getValue());
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode n : node) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(n.asText());
            }
            out.put(prefix, sb.toString());
        } else {
            out.put(prefix, node.asText());
        }
    }

    private static Setting byKey(String key) {
        for (Setting s : Setting.values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }
}
