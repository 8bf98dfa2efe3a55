package io.radgate.protocol.mdai;

import io.radgate.error.RadgateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MD.ai's {@code label_classes}: which {@code class_index} each project label has. A model
 * label maps to the entry whose label {@code name} or {@code short_name} equals the model's
 * label name (case-insensitive); a model label without a name (a segmenter's single class)
 * maps to the only entry when there is exactly one. Otherwise — and always without
 * {@code label_classes}, as MD.ai's dev client sends it — class_index is the model's label index.
 */
final class LabelClasses {
    record Entry(int classIndex, String name, String shortName) {
    }

    static final LabelClasses NONE = new LabelClasses(List.of());

    private final List<Entry> entries;

    private LabelClasses(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static LabelClasses parse(Object o) {
        if (o == null) {
            return NONE;
        }
        if (!(o instanceof List<?> list)) {
            throw RadgateException.badInput("'label_classes' must be a list, got " + MdaiRequest.kind(o));
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "label_classes[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw RadgateException.badInput(where + " must be a map, got " + MdaiRequest.kind(list.get(i)));
            }
            if (!(m.get("class_index") instanceof Long index) || index < Integer.MIN_VALUE
                    || index > Integer.MAX_VALUE) {
                throw RadgateException.badInput(where + ".class_index must be an int, got "
                        + MdaiRequest.kind(m.get("class_index")));
            }
            Object label = m.get("label");
            if (label != null && !(label instanceof Map)) {
                throw RadgateException.badInput(where + ".label must be a map, got " + MdaiRequest.kind(label));
            }
            Map<?, ?> l = label == null ? Map.of() : (Map<?, ?>) label;
            out.add(new Entry(index.intValue(), text(l.get("name")), text(l.get("short_name"))));
        }
        return new LabelClasses(out);
    }

    private static String text(Object o) {
        return o instanceof String s && !s.isBlank() ? s.trim().toLowerCase(Locale.ROOT) : null;
    }

    /** The class_index of the model's label {@code modelIndex} named {@code modelName} (may be null). */
    int classIndex(int modelIndex, String modelName) {
        if (modelName != null) {
            String n = modelName.trim().toLowerCase(Locale.ROOT);
            for (Entry e : entries) {
                if (n.equals(e.name()) || n.equals(e.shortName())) {
                    return e.classIndex();
                }
            }
        } else if (entries.size() == 1) {
            return entries.get(0).classIndex();
        }
        return modelIndex;
    }
}
