package io.radgate.protocol.kserve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.radgate.error.RadgateException;
import io.radgate.triton.proto.InferParameter;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** KServe v2 JSON {@code parameters} objects ↔ Triton's {@link InferParameter} maps. */
final class InferParameters {
    private InferParameters() {
    }

    /** Copies every parameter except the {@code consumed} ones (those radgate handles itself). */
    static void fromJson(String where, JsonNode params, Set<String> consumed, BiConsumer<String, InferParameter> put) {
        if (params == null || params.isNull()) {
            return;
        }
        if (!params.isObject()) {
            throw RadgateException.badInput(where + ": 'parameters' must be a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (consumed.contains(e.getKey())) {
                continue;
            }
            JsonNode v = e.getValue();
            InferParameter.Builder p = InferParameter.newBuilder();
            if (v.isBoolean()) {
                p.setBoolParam(v.booleanValue());
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                p.setInt64Param(v.longValue());
            } else if (v.isNumber()) {
                p.setDoubleParam(v.doubleValue());
            } else if (v.isTextual()) {
                p.setStringParam(v.textValue());
            } else {
                throw RadgateException.badInput(where + ": parameter '" + e.getKey()
                        + "' must be a boolean, number or string");
            }
            put.accept(e.getKey(), p.build());
        }
    }

    static void writeJson(Map<String, InferParameter> params, JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, InferParameter> e : params.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(e.getValue(), g);
        }
        g.writeEndObject();
    }

    static void writeValue(InferParameter p, JsonGenerator g) throws IOException {
        switch (p.getParameterChoiceCase()) {
            case BOOL_PARAM -> g.writeBoolean(p.getBoolParam());
            case INT64_PARAM -> g.writeNumber(p.getInt64Param());
            case UINT64_PARAM -> g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(p.getUint64Param())));
            case DOUBLE_PARAM -> g.writeNumber(p.getDoubleParam());
            case STRING_PARAM -> g.writeString(p.getStringParam());
            default -> g.writeNull();
        }
    }
}
