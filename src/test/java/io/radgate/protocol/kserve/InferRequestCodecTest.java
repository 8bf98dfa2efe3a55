package io.radgate.protocol.kserve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.triton.proto.InferParameter;
import io.radgate.triton.proto.ModelInferRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InferRequestCodecTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static InferRequestCodec.Parsed parse(String json) {
        return InferRequestCodec.parse("threshold_seg", null, utf8(json), null);
    }

    /** A KServe binary-extension body: the JSON header, then the binary parts back to back. */
    private static byte[] body(String header, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(header));
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static RadgateException badInput(Runnable r) {
        RadgateException e = assertThrows(RadgateException.class, r::run);
        assertEquals(ErrorKind.BAD_INPUT, e.kind(), e.getMessage());
        return e;
    }

    private static RadgateException badInputNaming(String needle, String json) {
        RadgateException e = badInput(() -> parse(json));
        assertTrue(e.getMessage().contains(needle), e.getMessage());
        return e;
    }

    @Test
    void jsonInputsBecomeTensorsAndRawContentsInOrder() {
        ModelInferRequest r = parse("""
                {"inputs": [
                  {"name": "IMAGE", "datatype": "UINT8", "shape": [1, 2, 2], "data": [[[1, 2], [3, 4]]]},
                  {"name": "INPUT_JSON_PARAMS", "datatype": "BYTES", "shape": [1, 1], "data": ["{}"]}]}
                """).request();
        assertEquals("threshold_seg", r.getModelName());
        assertEquals(2, r.getInputsCount());
        assertEquals("IMAGE", r.getInputs(0).getName());
        assertEquals("UINT8", r.getInputs(0).getDatatype());
        assertEquals(List.of(1L, 2L, 2L), r.getInputs(0).getShapeList());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, r.getRawInputContents(0).toByteArray());
        assertEquals("INPUT_JSON_PARAMS", r.getInputs(1).getName());
        assertArrayEquals(new byte[] {2, 0, 0, 0, '{', '}'}, r.getRawInputContents(1).toByteArray());
        assertFalse(r.getInputs(0).hasContents(), "data travels as raw_input_contents only");
    }

    @Test
    void binaryPartsLandInRawContentsExactlyAndInInputOrderBesideAJsonInput() {
        byte[] image = {9, 8, 7, 6, 5, (byte) 0xFF};
        byte[] scores = {0, 0, (byte) 0xC0, 0x3F, 0, 0, 0, (byte) 0xC0};
        String header = """
                {"inputs": [
                  {"name": "A", "datatype": "UINT8", "shape": [1, 2, 3], "parameters": {"binary_data_size": 6}},
                  {"name": "B", "datatype": "INT32", "shape": [2], "data": [1, -1]},
                  {"name": "C", "datatype": "FP32", "shape": [2], "parameters": {"binary_data_size": 8}}]}
                """;
        byte[] body = body(header, image, scores);
        ModelInferRequest r = InferRequestCodec.parse("m", null, body, utf8(header).length).request();
        assertEquals(List.of("A", "B", "C"), r.getInputsList().stream().map(i -> i.getName()).toList());
        assertArrayEquals(image, r.getRawInputContents(0).toByteArray());
        assertArrayEquals(new byte[] {1, 0, 0, 0, -1, -1, -1, -1}, r.getRawInputContents(1).toByteArray());
        assertArrayEquals(scores, r.getRawInputContents(2).toByteArray());
        assertEquals(Map.of(), r.getInputs(0).getParametersMap(), "binary_data_size is consumed, not forwarded");
        assertEquals(Map.of(), r.getInputs(2).getParametersMap());
    }

    @Test
    void binaryBytesInputOfAnySizeIsAccepted() {
        byte[] element = {3, 0, 0, 0, 'a', 'b', 'c'};
        String header = """
                {"inputs": [{"name": "S", "datatype": "BYTES", "shape": [1], "parameters": {"binary_data_size": 7}}]}
                """;
        ModelInferRequest r = InferRequestCodec.parse("m", null, body(header, element), utf8(header).length)
                .request();
        assertArrayEquals(element, r.getRawInputContents(0).toByteArray());
    }

    @Test
    void otherInputParametersAreForwarded() {
        ModelInferRequest r = parse("""
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [1], "data": [1],
                             "parameters": {"note": "x"}}]}
                """).request();
        assertEquals(InferParameter.newBuilder().setStringParam("x").build(), r.getInputs(0).getParametersOrThrow("note"));
    }

    @Test
    void binaryDataSizeLargerThanWhatIsLeftIsBadInputNamingTheInput() {
        String header = """
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [4], "parameters": {"binary_data_size": 4}}]}
                """;
        RadgateException e = badInput(() -> InferRequestCodec.parse("m", null, body(header, new byte[3]),
                utf8(header).length));
        assertTrue(e.getMessage().contains("'A'"), e.getMessage());
    }

    @Test
    void binaryDataWithoutHeaderLengthIsBadInput() {
        badInputNaming("'A'", """
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [1], "parameters": {"binary_data_size": 1}}]}
                """);
    }

    @Test
    void leftoverBytesAfterTheDeclaredBinaryPartsAreBadInput() {
        String header = """
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [2], "parameters": {"binary_data_size": 2}}]}
                """;
        RadgateException e = badInput(() -> InferRequestCodec.parse("m", null, body(header, new byte[3]),
                utf8(header).length));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void bytesAfterJsonWithoutBinaryInputsAreBadInput() {
        String header = """
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [1], "data": [1]}]}
                """;
        badInput(() -> InferRequestCodec.parse("m", null, body(header, new byte[1]), utf8(header).length));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1000})
    void headerLengthOutsideTheBodyIsBadInput(int headerLength) {
        byte[] body = utf8("""
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [1], "data": [1]}]}
                """);
        RadgateException e = badInput(() -> InferRequestCodec.parse("m", null, body, headerLength));
        assertTrue(e.getMessage().contains("Inference-Header-Content-Length"), e.getMessage());
    }

    @Test
    void binaryDataSizeNotMatchingTheShapeIsBadInputNamingTheInput() {
        String header = """
                {"inputs": [{"name": "A", "datatype": "FP32", "shape": [1, 2], "parameters": {"binary_data_size": 6}}]}
                """;
        RadgateException e = badInput(() -> InferRequestCodec.parse("m", null, body(header, new byte[6]),
                utf8(header).length));
        assertTrue(e.getMessage().contains("'A'") && e.getMessage().contains("8"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"4\""})
    void binaryDataSizeThatIsNotANonNegativeIntegerIsBadInput(String size) {
        String header = "{\"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [4],"
                + " \"parameters\": {\"binary_data_size\": " + size + "}}]}";
        RadgateException e = badInput(() -> InferRequestCodec.parse("m", null, body(header, new byte[4]),
                utf8(header).length));
        assertTrue(e.getMessage().contains("'A'"), e.getMessage());
    }

    @Test
    void binaryShapeWhoseByteSizeOverflowsIsBadInputNamingTheInput() {
        String header = """
                {"inputs": [{"name": "A", "datatype": "FP64", "shape": [2305843009213693952],
                             "parameters": {"binary_data_size": 0}}]}
                """;
        badInput(() -> InferRequestCodec.parse("m", null, utf8(header), utf8(header).length));
        String huge = """
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [4294967296, 4294967296, 4294967296],
                             "parameters": {"binary_data_size": 0}}]}
                """;
        RadgateException e = badInput(() -> InferRequestCodec.parse("m", null, utf8(huge), utf8(huge).length));
        assertTrue(e.getMessage().contains("'A'"), e.getMessage());
    }

    @Test
    void requestParametersBecomeTypedInferParametersAndBinaryDataOutputIsConsumed() {
        InferRequestCodec.Parsed p = parse("""
                {"parameters": {"flag": true, "count": 7, "ratio": 0.25, "label": "liver", "binary_data_output": true},
                 "inputs": [{"name": "A", "datatype": "UINT8", "shape": [1], "data": [1]}]}
                """);
        Map<String, InferParameter> params = p.request().getParametersMap();
        assertEquals(Set.of("flag", "count", "ratio", "label"), params.keySet());
        assertEquals(InferParameter.ParameterChoiceCase.BOOL_PARAM, params.get("flag").getParameterChoiceCase());
        assertTrue(params.get("flag").getBoolParam());
        assertEquals(InferParameter.ParameterChoiceCase.INT64_PARAM, params.get("count").getParameterChoiceCase());
        assertEquals(7L, params.get("count").getInt64Param());
        assertEquals(InferParameter.ParameterChoiceCase.DOUBLE_PARAM, params.get("ratio").getParameterChoiceCase());
        assertEquals(0.25, params.get("ratio").getDoubleParam());
        assertEquals(InferParameter.ParameterChoiceCase.STRING_PARAM, params.get("label").getParameterChoiceCase());
        assertEquals("liver", params.get("label").getStringParam());
        assertTrue(p.allBinary());
        assertTrue(p.binary("ANY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"p\": {}}", "{\"p\": [1]}", "{\"p\": null}", "[1]", "\"x\""})
    void parameterThatIsNotAScalarOrParametersNotAnObjectIsBadInput(String params) {
        badInput(() -> parse("{\"parameters\": " + params
                + ", \"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [1], \"data\": [1]}]}"));
    }

    @Test
    void requestedOutputsKeepTheirOrderAndParametersWhileBinaryDataIsConsumed() {
        InferRequestCodec.Parsed p = parse("""
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [1], "data": [1]}],
                 "outputs": [{"name": "MASK", "parameters": {"binary_data": true}},
                             {"name": "SCORES", "parameters": {"classification": 3}},
                             {"name": "BOXES", "parameters": {"binary_data": false}}]}
                """);
        ModelInferRequest r = p.request();
        assertEquals(List.of("MASK", "SCORES", "BOXES"), r.getOutputsList().stream().map(o -> o.getName()).toList());
        assertEquals(Map.of(), r.getOutputs(0).getParametersMap());
        assertEquals(Map.of("classification", InferParameter.newBuilder().setInt64Param(3).build()),
                r.getOutputs(1).getParametersMap());
        assertEquals(Map.of(), r.getOutputs(2).getParametersMap());
        assertFalse(p.allBinary());
        assertEquals(Set.of("MASK"), p.binaryOutputs());
        assertTrue(p.binary("MASK"));
        assertFalse(p.binary("SCORES"));
        assertFalse(p.binary("BOXES"));
    }

    @Test
    void noOutputsMeansTritonReturnsAllAsJson() {
        InferRequestCodec.Parsed p = parse("""
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [1], "data": [1]}]}
                """);
        assertEquals(0, p.request().getOutputsCount());
        assertFalse(p.binary("MASK"));
    }

    @Test
    void idIsForwarded() {
        assertEquals("req-42", parse("""
                {"id": "req-42", "inputs": [{"name": "A", "datatype": "UINT8", "shape": [1], "data": [1]}]}
                """).request().getId());
        assertEquals("", parse("""
                {"inputs": [{"name": "A", "datatype": "UINT8", "shape": [1], "data": [1]}]}
                """).request().getId());
    }

    @Test
    void modelVersionIsSetOnlyWhenGiven() {
        byte[] body = utf8("{\"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [1], \"data\": [1]}]}");
        assertEquals("3", InferRequestCodec.parse("m", "3", body, null).request().getModelVersion());
        assertEquals("", InferRequestCodec.parse("m", null, body, null).request().getModelVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"inputs\": [}", "not json", "[]", "42", "\"text\"", "null"})
    void bodyThatIsNotAJsonObjectIsBadInput(String body) {
        badInput(() -> parse(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"inputs\": []}", "{\"inputs\": {}}", "{\"inputs\": null}"})
    void missingOrEmptyInputsIsBadInput(String body) {
        RadgateException e = badInput(() -> parse(body));
        assertTrue(e.getMessage().contains("inputs"), e.getMessage());
    }

    @Test
    void malformedInputsAreBadInputNamingTheInput() {
        badInput(() -> parse("{\"inputs\": [1]}"));
        badInputNaming("name", "{\"inputs\": [{\"datatype\": \"UINT8\", \"shape\": [1], \"data\": [1]}]}");
        badInputNaming("'A'", "{\"inputs\": [{\"name\": \"A\", \"shape\": [1], \"data\": [1]}]}");
        badInputNaming("'A'", "{\"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"data\": [1]}]}");
        badInputNaming("'A'", "{\"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [1]}]}");
        badInputNaming("'A'", "{\"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [-1], \"data\": []}]}");
        badInputNaming("'A'", "{\"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [1.5], \"data\": [1]}]}");
        badInputNaming("'A'", "{\"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [2], \"data\": [1]}]}");
        badInputNaming("'A'", "{\"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [1], \"data\": [300]}]}");
    }

    @Test
    void unknownDatatypeIsBadInputNamingTheInputAndTheDatatype() {
        RadgateException e = badInputNaming("'IMAGE'", """
                {"inputs": [{"name": "OK", "datatype": "UINT8", "shape": [1], "data": [1]},
                            {"name": "IMAGE", "datatype": "UINT4", "shape": [1], "data": [1]}]}
                """);
        assertTrue(e.getMessage().contains("UINT4"), e.getMessage());
    }

    @Test
    void malformedOutputsAreBadInput() {
        String in = "\"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [1], \"data\": [1]}]";
        badInput(() -> parse("{" + in + ", \"outputs\": {}}"));
        badInput(() -> parse("{" + in + ", \"outputs\": [{}]}"));
        badInput(() -> parse("{" + in + ", \"outputs\": [{\"name\": 1}]}"));
        badInputNaming("'MASK'", "{" + in + ", \"outputs\": [{\"name\": \"MASK\", \"parameters\": {\"x\": [1]}}]}");
    }

    @Test
    void nonStringIdIsBadInput() {
        badInputNaming("id", "{\"id\": 5, \"inputs\": [{\"name\": \"A\", \"datatype\": \"UINT8\", \"shape\": [1],"
                + " \"data\": [1]}]}");
    }
}
