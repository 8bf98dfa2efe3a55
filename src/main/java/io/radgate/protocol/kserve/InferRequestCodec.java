package io.radgate.protocol.kserve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.radgate.error.RadgateException;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferRequest.InferInputTensor;
import io.radgate.triton.proto.ModelInferRequest.InferRequestedOutputTensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a KServe v2 REST infer request (JSON, optionally followed by binary tensor data whose
 * JSON length is given by {@code Inference-Header-Content-Length}) into a Triton
 * {@link ModelInferRequest}. Binary tensors are wrapped, not copied, into
 * {@code raw_input_contents}.
 */
final class InferRequestCodec {
    static final String BINARY_DATA_SIZE = "binary_data_size";
    static final String BINARY_DATA = "binary_data";
    static final String BINARY_DATA_OUTPUT = "binary_data_output";

    /** The Triton request plus how the caller wants the outputs back. */
    record Parsed(ModelInferRequest request, boolean allBinary, Set<String> binaryOutputs) {
        boolean binary(String output) {
            return allBinary || binaryOutputs.contains(output);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private InferRequestCodec() {
    }

    static Parsed parse(String model, String version, byte[] body, Integer headerLength) {
        int jsonLength = body.length;
        if (headerLength != null) {
            if (headerLength < 0 || headerLength > body.length) {
                throw RadgateException.badInput("Inference-Header-Content-Length " + headerLength
                        + " does not fit a body of " + body.length + " bytes");
            }
            jsonLength = headerLength;
        }
        JsonNode root = readJson(body, jsonLength);
        ModelInferRequest.Builder req = ModelInferRequest.newBuilder().setModelName(model);
        if (version != null) {
            req.setModelVersion(version);
        }
        JsonNode id = root.get("id");
        if (id != null && !id.isNull()) {
            req.setId(text(id, "'id'"));
        }
        JsonNode params = root.get("parameters");
        boolean allBinary = params != null && params.path(BINARY_DATA_OUTPUT).asBoolean(false);
        InferParameters.fromJson("request", params, Set.of(BINARY_DATA_OUTPUT), req::putParameters);

        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw RadgateException.badInput("request must have a non-empty 'inputs' array");
        }
        int offset = jsonLength;
        for (JsonNode in : inputs) {
            offset = addInput(req, in, body, offset);
        }
        if (offset != body.length) {
            throw RadgateException.badInput("binary data has " + (body.length - jsonLength)
                    + " bytes but the inputs declare " + (offset - jsonLength));
        }

        Set<String> binaryOutputs = new HashSet<>();
        JsonNode outputs = root.get("outputs");
        if (outputs != null && !outputs.isNull()) {
            if (!outputs.isArray()) {
                throw RadgateException.badInput("'outputs' must be an array");
            }
            for (JsonNode out : outputs) {
                String name = text(out.get("name"), "output 'name'");
                InferRequestedOutputTensor.Builder o = InferRequestedOutputTensor.newBuilder().setName(name);
                JsonNode p = out.get("parameters");
                if (p != null && p.path(BINARY_DATA).asBoolean(false)) {
                    binaryOutputs.add(name);
                }
                InferParameters.fromJson("output '" + name + "'", p, Set.of(BINARY_DATA), o::putParameters);
                req.addOutputs(o);
            }
        }
        return new Parsed(req.build(), allBinary, binaryOutputs);
    }

    private static int addInput(ModelInferRequest.Builder req, JsonNode in, byte[] body, int offset) {
        if (!in.isObject()) {
            throw RadgateException.badInput("each input must be a JSON object");
        }
        String name = text(in.get("name"), "input 'name'");
        String datatype = text(in.get("datatype"), "input '" + name + "': 'datatype'");
        TensorData.elementSize(name, datatype); // rejects unknown datatypes with a clear message
        List<Long> shape = shape(name, in.get("shape"));
        InferInputTensor.Builder t = InferInputTensor.newBuilder().setName(name).setDatatype(datatype).addAllShape(shape);
        JsonNode p = in.get("parameters");
        InferParameters.fromJson("input '" + name + "'", p, Set.of(BINARY_DATA_SIZE), t::putParameters);
        JsonNode size = p == null ? null : p.get(BINARY_DATA_SIZE);
        ByteString raw;
        if (size != null) {
            if (!size.isIntegralNumber() || size.longValue() < 0) {
                throw RadgateException.badInput("input '" + name + "': binary_data_size must be a non-negative integer");
            }
            long n = size.longValue();
            if (n > body.length - offset) {
                throw RadgateException.badInput("input '" + name + "': binary_data_size " + n + " exceeds the "
                        + (body.length - offset) + " bytes left in the body");
            }
            long expected = TensorData.byteSize(name, datatype, shape);
            if (expected >= 0 && expected != n) {
                throw RadgateException.badInput("input '" + name + "': shape " + shape + " of " + datatype
                        + " needs " + expected + " bytes, binary_data_size is " + n);
            }
            raw = UnsafeByteOperations.unsafeWrap(body, offset, (int) n);
            offset += (int) n;
        } else {
            JsonNode data = in.get("data");
            if (data == null || data.isNull()) {
                throw RadgateException.badInput("input '" + name + "' has neither 'data' nor binary_data_size");
            }
            raw = TensorData.fromJson(name, datatype, shape, data);
        }
        req.addInputs(t);
        req.addRawInputContents(raw);
        return offset;
    }

    private static List<Long> shape(String input, JsonNode shape) {
        if (shape == null || !shape.isArray()) {
            throw RadgateException.badInput("input '" + input + "': 'shape' must be an array of integers");
        }
        List<Long> out = new ArrayList<>(shape.size());
        for (JsonNode d : shape) {
            if (!d.isIntegralNumber() || d.longValue() < 0) {
                throw RadgateException.badInput("input '" + input + "': 'shape' must hold non-negative integers, got "
                        + shape);
            }
            out.add(d.longValue());
        }
        return out;
    }

    private static String text(JsonNode n, String what) {
        if (n == null || !n.isTextual()) {
            throw RadgateException.badInput(what + " must be a string");
        }
        return n.textValue();
    }

    private static JsonNode readJson(byte[] body, int length) {
        JsonNode root;
        try {
            root = JSON.readTree(body, 0, length);
        } catch (JsonProcessingException e) {
            throw RadgateException.badInput("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RadgateException.badInput("request body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw RadgateException.badInput("request body must be a JSON object");
        }
        return root;
    }
}
