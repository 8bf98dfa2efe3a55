package io.radgate.protocol.kserve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.radgate.triton.proto.ModelInferResponse;
import io.radgate.triton.proto.ModelInferResponse.InferOutputTensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a Triton {@link ModelInferResponse} as a KServe v2 REST response: JSON, plus binary
 * tensors after it for the outputs the caller asked to receive as binary data. The JSON has
 * the keys and order of Triton's own REST answers.
 */
final class InferResponseCodec {
    private static final JsonFactory JSON = new JsonFactory();

    /** The JSON header and the binary parts that follow it, in output order. */
    record Encoded(byte[] json, List<ByteString> binaries) {
        boolean hasBinary() {
            return !binaries.isEmpty();
        }
    }

    private InferResponseCodec() {
    }

    static Encoded encode(ModelInferResponse r, InferRequestCodec.Parsed request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        List<ByteString> binaries = new ArrayList<>();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (!r.getId().isEmpty()) {
                g.writeStringField("id", r.getId());
            }
            g.writeStringField("model_name", r.getModelName());
            g.writeStringField("model_version", r.getModelVersion());
            if (r.getParametersCount() > 0) {
                g.writeFieldName("parameters");
                InferParameters.writeJson(r.getParametersMap(), g);
            }
            g.writeArrayFieldStart("outputs");
            for (int i = 0; i < r.getOutputsCount(); i++) {
                InferOutputTensor o = r.getOutputs(i);
                ByteString raw = i < r.getRawOutputContentsCount() ? r.getRawOutputContents(i) : ByteString.EMPTY;
                g.writeStartObject();
                g.writeStringField("name", o.getName());
                g.writeStringField("datatype", o.getDatatype());
                g.writeArrayFieldStart("shape");
                for (long d : o.getShapeList()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                boolean binary = request.binary(o.getName());
                if (binary || o.getParametersCount() > 0) {
                    g.writeObjectFieldStart("parameters");
                    for (var p : o.getParametersMap().entrySet()) {
                        g.writeFieldName(p.getKey());
                        InferParameters.writeValue(p.getValue(), g);
                    }
                    if (binary) {
                        g.writeNumberField(InferRequestCodec.BINARY_DATA_SIZE, raw.size());
                    }
                    g.writeEndObject();
                }
                if (binary) {
                    binaries.add(raw);
                } else {
                    g.writeFieldName("data");
                    TensorData.writeJson(o.getName(), o.getDatatype(), raw, g);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Encoded(out.toByteArray(), binaries);
    }
}
