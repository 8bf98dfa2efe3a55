package io.radgate.protocol.kserve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.radgate.triton.proto.InferParameter;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import io.radgate.triton.proto.ModelInferResponse.InferOutputTensor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InferResponseCodecTest {

    private static final InferRequestCodec.Parsed ALL_JSON =
            new InferRequestCodec.Parsed(ModelInferRequest.getDefaultInstance(), false, Set.of());

    private static InferOutputTensor.Builder output(String name, String datatype, long... shape) {
        InferOutputTensor.Builder o = InferOutputTensor.newBuilder().setName(name).setDatatype(datatype);
        for (long d : shape) {
            o.addShape(d);
        }
        return o;
    }

    private static ByteString bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return ByteString.copyFrom(b);
    }

    private static String json(InferResponseCodec.Encoded e) {
        return new String(e.json(), StandardCharsets.UTF_8);
    }

    /** threshold_seg's answer to a 2x3 image, as the real Triton's REST API printed it. */
    private static ModelInferResponse maskResponse() {
        return ModelInferResponse.newBuilder()
                .setModelName("threshold_seg").setModelVersion("1")
                .addOutputs(output("MASK", "UINT8", 1, 2, 3))
                .addRawOutputContents(bytes(149, 251, 255, 254, 255, 255))
                .build();
    }

    @Test
    void jsonHasTheKeysAndOrderOfTritonsRestAnswer() {
        assertEquals("{\"model_name\":\"threshold_seg\",\"model_version\":\"1\",\"outputs\":[{\"name\":\"MASK\","
                        + "\"datatype\":\"UINT8\",\"shape\":[1,2,3],\"data\":[149,251,255,254,255,255]}]}",
                json(InferResponseCodec.encode(maskResponse(), ALL_JSON)));
    }

    @Test
    void idComesFirstWhenTheResponseHasOne() {
        ModelInferResponse r = maskResponse().toBuilder().setId("req-7").build();
        assertTrue(json(InferResponseCodec.encode(r, ALL_JSON)).startsWith(
                "{\"id\":\"req-7\",\"model_name\":\"threshold_seg\",\"model_version\":\"1\",\"outputs\":["));
    }

    @Test
    void responseParametersComeBeforeOutputs() {
        ModelInferResponse r = maskResponse().toBuilder()
                .putParameters("sequence_end", InferParameter.newBuilder().setBoolParam(true).build()).build();
        assertTrue(json(InferResponseCodec.encode(r, ALL_JSON)).startsWith(
                "{\"model_name\":\"threshold_seg\",\"model_version\":\"1\",\"parameters\":{\"sequence_end\":true},"
                        + "\"outputs\":["), json(InferResponseCodec.encode(r, ALL_JSON)));
    }

    @Test
    void jsonOnlyResponseHasNoBinaryParts() {
        InferResponseCodec.Encoded e = InferResponseCodec.encode(maskResponse(), ALL_JSON);
        assertFalse(e.hasBinary());
        assertEquals(List.of(), e.binaries());
    }

    private static ModelInferResponse threeOutputs() {
        return ModelInferResponse.newBuilder()
                .setModelName("component_detector").setModelVersion("1")
                .addOutputs(output("BOXES", "FP32", 1, 4))
                .addRawOutputContents(bytes(0, 0, 0x80, 0x3F, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x40))
                .addOutputs(output("LABELS", "INT32", 1))
                .addRawOutputContents(bytes(2, 0, 0, 0))
                .addOutputs(output("AREAS", "INT32", 1))
                .addRawOutputContents(bytes(12, 0, 0, 0))
                .build();
    }

    @Test
    void outputsRequestedAsBinaryCarryTheirSizeAndFollowTheJsonInOrder() {
        InferRequestCodec.Parsed req = new InferRequestCodec.Parsed(
                ModelInferRequest.getDefaultInstance(), false, Set.of("AREAS", "BOXES"));
        ModelInferResponse r = threeOutputs();
        InferResponseCodec.Encoded e = InferResponseCodec.encode(r, req);
        assertEquals("{\"model_name\":\"component_detector\",\"model_version\":\"1\",\"outputs\":["
                        + "{\"name\":\"BOXES\",\"datatype\":\"FP32\",\"shape\":[1,4],\"parameters\":{\"binary_data_size\":16}},"
                        + "{\"name\":\"LABELS\",\"datatype\":\"INT32\",\"shape\":[1],\"data\":[2]},"
                        + "{\"name\":\"AREAS\",\"datatype\":\"INT32\",\"shape\":[1],\"parameters\":{\"binary_data_size\":4}}]}",
                json(e));
        assertTrue(e.hasBinary());
        assertEquals(List.of(r.getRawOutputContents(0), r.getRawOutputContents(2)), e.binaries());
    }

    @Test
    void binaryDataOutputMakesEveryOutputBinary() {
        InferRequestCodec.Parsed req = new InferRequestCodec.Parsed(
                ModelInferRequest.getDefaultInstance(), true, Set.of());
        ModelInferResponse r = threeOutputs();
        InferResponseCodec.Encoded e = InferResponseCodec.encode(r, req);
        assertFalse(json(e).contains("\"data\""), json(e));
        assertTrue(json(e).contains("{\"name\":\"LABELS\",\"datatype\":\"INT32\",\"shape\":[1],"
                + "\"parameters\":{\"binary_data_size\":4}}"), json(e));
        assertEquals(r.getRawOutputContentsList(), e.binaries());
    }

    @Test
    void requestParsedFromJsonDrivesWhichOutputsAreBinary() {
        InferRequestCodec.Parsed req = InferRequestCodec.parse("component_detector", null, """
                {"inputs": [{"name": "IMAGE", "datatype": "UINT8", "shape": [1, 1, 1], "data": [0]}],
                 "outputs": [{"name": "BOXES", "parameters": {"binary_data": true}}, {"name": "LABELS"}]}
                """.getBytes(StandardCharsets.UTF_8), null);
        InferResponseCodec.Encoded e = InferResponseCodec.encode(threeOutputs(), req);
        assertEquals(List.of(threeOutputs().getRawOutputContents(0)), e.binaries());
        assertTrue(json(e).contains("\"data\":[2]"), json(e));
    }

    @Test
    void tritonOutputParametersAreKeptBesideBinaryDataSize() {
        ModelInferResponse r = ModelInferResponse.newBuilder().setModelName("m").setModelVersion("2")
                .addOutputs(output("SCORES", "FP32", 1).putParameters("note",
                        InferParameter.newBuilder().setStringParam("x").build()))
                .addRawOutputContents(bytes(0, 0, 0xC0, 0x3F))
                .build();
        assertTrue(json(InferResponseCodec.encode(r, ALL_JSON)).contains(
                "\"parameters\":{\"note\":\"x\"},\"data\":[1.5]"), json(InferResponseCodec.encode(r, ALL_JSON)));
        InferRequestCodec.Parsed bin = new InferRequestCodec.Parsed(
                ModelInferRequest.getDefaultInstance(), false, Set.of("SCORES"));
        assertTrue(json(InferResponseCodec.encode(r, bin)).contains(
                "\"parameters\":{\"note\":\"x\",\"binary_data_size\":4}}"), json(InferResponseCodec.encode(r, bin)));
    }

    @Test
    void bytesOutputIsAJsonArrayOfStrings() {
        ModelInferResponse r = ModelInferResponse.newBuilder().setModelName("m").setModelVersion("1")
                .addOutputs(output("TEXT", "BYTES", 2))
                .addRawOutputContents(bytes(2, 0, 0, 0, 'o', 'k', 0, 0, 0, 0))
                .build();
        assertTrue(json(InferResponseCodec.encode(r, ALL_JSON)).contains("\"data\":[\"ok\",\"\"]"));
    }
}
