package io.radgate.protocol.mdai;

import io.radgate.error.RadgateException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /inference} (MD.ai's server docstring), checked: {@code files} (each
 * {@code content} bin and {@code content_type} str, optional {@code dicom_tags} map),
 * {@code annotations} (a list, not used by radgate's models), optional {@code label_classes},
 * {@code args} (a map, handed to the model as a JSON string). Every violation is BAD_INPUT
 * naming the field.
 */
record MdaiRequest(List<MdaiFile> files, LabelClasses labelClasses, String argsJson) {

    /** One entry of {@code files}. {@code dicomTags} is empty when absent. */
    record MdaiFile(int index, String contentType, byte[] content, Map<String, Object> dicomTags) {
    }

    static MdaiRequest parse(Object body) {
        if (!(body instanceof Map<?, ?> top)) {
            throw RadgateException.badInput("the msgpack body must be a map with 'files', got " + kind(body));
        }
        Object files = top.get("files");
        if (files == null) {
            throw RadgateException.badInput("'files' is missing");
        }
        if (!(files instanceof List<?> list)) {
            throw RadgateException.badInput("'files' must be a list, got " + kind(files));
        }
        if (list.isEmpty()) {
            throw RadgateException.badInput("'files' is empty");
        }
        List<MdaiFile> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(file(i, list.get(i)));
        }
        Object annotations = top.get("annotations");
        if (annotations != null && !(annotations instanceof List)) {
            throw RadgateException.badInput("'annotations' must be a list, got " + kind(annotations));
        }
        return new MdaiRequest(out, LabelClasses.parse(top.get("label_classes")), args(top.get("args")));
    }

    @SuppressWarnings("unchecked")
    private static MdaiFile file(int i, Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            throw RadgateException.badInput("files[" + i + "] must be a map, got " + kind(o));
        }
        Object content = m.get("content");
        if (!(content instanceof byte[] bytes)) {
            throw RadgateException.badInput("files[" + i + "].content must be msgpack bin (bytes), got "
                    + kind(content));
        }
        Object ct = m.get("content_type");
        if (!(ct instanceof String type)) {
            throw RadgateException.badInput("files[" + i + "].content_type must be a string, got " + kind(ct));
        }
        Object tags = m.get("dicom_tags");
        if (tags != null && !(tags instanceof Map)) {
            throw RadgateException.badInput("files[" + i + "].dicom_tags must be a map, got " + kind(tags));
        }
        return new MdaiFile(i, type, bytes, tags == null ? Map.of() : (Map<String, Object>) tags);
    }

    /** {@code args} as the model's JSON parameters; null when absent or empty. */
    private static String args(Object args) {
        if (args == null) {
            return null;
        }
        if (!(args instanceof Map<?, ?> m)) {
            throw RadgateException.badInput("'args' must be a map, got " + kind(args));
        }
        return m.isEmpty() ? null : ((JsonObject) json(m, "args")).encode();
    }

    private static Object json(Object v, String where) {
        if (v instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            m.forEach((k, x) -> o.put((String) k, json(x, where + "." + k)));
            return o;
        }
        if (v instanceof List<?> l) {
            JsonArray a = new JsonArray();
            for (int i = 0; i < l.size(); i++) {
                a.add(json(l.get(i), where + "[" + i + "]"));
            }
            return a;
        }
        if (v instanceof byte[]) {
            throw RadgateException.badInput(where + " is bin (bytes); args must be JSON-like values");
        }
        return v;
    }

    /** A Python-like name of a decoded msgpack value's type, for messages. */
    static String kind(Object o) {
        if (o == null) {
            return "nil";
        }
        if (o instanceof byte[]) {
            return "bin";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Long) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof List) {
            return "array";
        }
        return o instanceof Map ? "map" : "unknown";
    }
}
