package io.radgate.protocol.kserve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;

/**
 * Writes a protobuf message as JSON the way Triton's REST API does (model config, metadata,
 * statistics): proto field names, 64-bit integers as JSON NUMBERS (protobuf's own JSON
 * printer writes them as strings, which Triton's REST clients do not expect), enums by name,
 * fields without presence always printed, unset message fields left out.
 */
final class ProtoJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ProtoJson() {
    }

    static byte[] toJson(Message m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeMessage(m, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeMessage(Message m, JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.isMapField()) {
                g.writeObjectFieldStart(f.getName());
                for (Object e : (List<?>) m.getField(f)) {
                    MapEntry<?, ?> entry = (MapEntry<?, ?>) e;
                    FieldDescriptor keyField = entry.getDescriptorForType().findFieldByNumber(1);
                    g.writeFieldName(mapKey(keyField, entry.getKey()));
                    FieldDescriptor valueField = entry.getDescriptorForType().findFieldByNumber(2);
                    writeValue(valueField, entry.getValue(), g);
                }
                g.writeEndObject();
            } else if (f.isRepeated()) {
                g.writeArrayFieldStart(f.getName());
                for (Object v : (List<?>) m.getField(f)) {
                    writeValue(f, v, g);
                }
                g.writeEndArray();
            } else if (!f.hasPresence() || m.hasField(f)) {
                g.writeFieldName(f.getName());
                writeValue(f, m.getField(f), g);
            }
        }
        g.writeEndObject();
    }

    private static void writeValue(FieldDescriptor f, Object v, JsonGenerator g) throws IOException {
        switch (f.getJavaType()) {
            case INT -> {
                if (isUnsigned(f)) {
                    g.writeNumber(Integer.toUnsignedLong((Integer) v));
                } else {
                    g.writeNumber((Integer) v);
                }
            }
            case LONG -> {
                if (isUnsigned(f)) {
                    g.writeNumber(new BigInteger(Long.toUnsignedString((Long) v)));
                } else {
                    g.writeNumber((Long) v);
                }
            }
            case FLOAT -> {
                float x = (Float) v;
                if (Float.isFinite(x)) {
                    g.writeNumber(x); // shortest float form: 0.1, not 0.10000000149011612
                } else {
                    writeFloating(x, g);
                }
            }
            case DOUBLE -> writeFloating((Double) v, g);
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case STRING -> g.writeString((String) v);
            case BYTE_STRING -> g.writeString(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
            case ENUM -> g.writeString(((EnumValueDescriptor) v).getName());
            case MESSAGE -> writeMessage((Message) v, g);
            default -> throw new IllegalStateException("unhandled field type " + f.getJavaType());
        }
    }

    private static void writeFloating(double d, JsonGenerator g) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(d);
        } else {
            g.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static String mapKey(FieldDescriptor keyField, Object key) {
        if (isUnsigned(keyField)) {
            return key instanceof Long l ? Long.toUnsignedString(l) : Integer.toUnsignedString((Integer) key);
        }
        return String.valueOf(key);
    }

    private static boolean isUnsigned(FieldDescriptor f) {
        return switch (f.getType()) {
            case UINT32, FIXED32, UINT64, FIXED64 -> true;
            default -> false;
        };
    }
}
