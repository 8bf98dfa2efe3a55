package io.radgate.protocol.mdai;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MD.ai's OutputValidator rules (PROTOCOLS.md §3.3), checked on what Python would see after
 * {@code msgpack.unpackb}: values as {@link Msgpack#unpack} gives them (int → Long, float →
 * Double, bool → Boolean, str → String, map → Map, array → List, nil → null). As in Python's
 * {@code type(x) in ...}, a bool is never an int and an int never a float.
 */
final class MdaiValidatorRules {
    private static final Map<String, List<String>> REQUIRED = Map.of("NONE", List.of("study_uid"),
            "ANNOTATION", List.of("study_uid", "class_index"), "IMAGE", List.of("study_uid", "class_index", "images"),
            "DICOM", List.of("study_uid", "class_index", "images"), "TEXT", List.of("study_uid"));
    private static final Map<String, Set<Class<?>>> TYPES = Map.ofEntries(
            Map.entry("type", Set.of(String.class)), Map.entry("study_uid", Set.of(String.class)),
            Map.entry("series_uid", Set.of(String.class, Void.class)),
            Map.entry("instance_uid", Set.of(String.class, Void.class)),
            Map.entry("video_frame_number", Set.of(Long.class, Void.class)),
            Map.entry("frame_number", Set.of(Long.class, Void.class)), Map.entry("class_index", Set.of(Long.class)),
            Map.entry("data", Set.of(Map.class, Void.class)),
            Map.entry("probability", Set.of(Double.class, List.class, Void.class)),
            Map.entry("explanations", Set.of(List.class, Void.class)),
            Map.entry("note", Set.of(String.class, Map.class, Void.class)),
            Map.entry("images", Set.of(List.class, Void.class)),
            Map.entry("image_output_tags", Set.of(Map.class, Void.class)));
    private static final Map<String, Map<String, Class<?>>> DATA = Map.of(
            "point", Map.of("x", Long.class, "y", Long.class),
            "box", Map.of("x", Long.class, "y", Long.class, "width", Long.class, "height", Long.class),
            "vertices", Map.of("vertices", List.class), "mask", Map.of("mask", List.class),
            "video_series_interval", Map.of("start_frame_number", Long.class, "end_frame_number", Long.class));

    private MdaiValidatorRules() {
    }

    /** Null when {@code outputs} passes, else the first violation. */
    static String violation(Object outputs) {
        if (!(outputs instanceof List<?> list)) {
            return "top level is not a list";
        }
        for (int i = 0; i < list.size(); i++) {
            String v = output(list.get(i));
            if (v != null) {
                return "output " + i + ": " + v;
            }
        }
        return null;
    }

    private static Class<?> pyType(Object v) {
        if (v == null) {
            return Void.class;
        }
        if (v instanceof Map) {
            return Map.class;
        }
        return v instanceof List ? List.class : v.getClass();
    }

    private static String output(Object o) {
        if (!(o instanceof Map<?, ?> m) || !REQUIRED.containsKey(m.get("type"))) {
            return "invalid output type";
        }
        for (String k : REQUIRED.get(m.get("type"))) {
            if (!m.containsKey(k)) {
                return "key " + k + " not found";
            }
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Set<Class<?>> allowed = TYPES.get(e.getKey());
            if (allowed == null) {
                return "unknown key " + e.getKey();
            }
            if (!allowed.contains(pyType(e.getValue()))) {
                return "key " + e.getKey() + " has type " + pyType(e.getValue()).getSimpleName();
            }
        }
        return m.get("data") instanceof Map<?, ?> d ? data(d) : null;
    }

    private static String data(Map<?, ?> d) {
        for (Map.Entry<String, Map<String, Class<?>>> f : DATA.entrySet()) {
            if (!d.keySet().equals(f.getValue().keySet())) {
                continue;
            }
            for (Map.Entry<String, Class<?>> k : f.getValue().entrySet()) {
                if (!k.getValue().isInstance(d.get(k.getKey()))) {
                    return "data." + k.getKey() + " is not " + k.getValue().getSimpleName();
                }
            }
            if (f.getKey().equals("vertices") && !((List<?>) d.get("vertices")).isEmpty()) {
                Object v = ((List<?>) d.get("vertices")).get(0);
                if (!(v instanceof List<?> xy) || xy.size() != 2 || !number(xy.get(0)) || !number(xy.get(1))) {
                    return "bad vertex " + v;
                }
            }
            if (f.getKey().equals("mask") && !((List<?>) d.get("mask")).isEmpty()) {
                Object row = ((List<?>) d.get("mask")).get(0);
                if (!(row instanceof List<?> r)) {
                    return "mask is not 2-D";
                }
                if (!r.isEmpty() && !number(r.get(0))) {
                    return "mask value is " + pyType(r.get(0)).getSimpleName();
                }
            }
            return null;
        }
        return "data keys " + d.keySet() + " match no format";
    }

    private static boolean number(Object v) {
        return v instanceof Long || v instanceof Double;
    }
}
