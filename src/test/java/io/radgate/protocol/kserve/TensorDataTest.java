package io.radgate.protocol.kserve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TensorDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    static String hex(ByteString b) {
        return HexFormat.of().formatHex(b.toByteArray());
    }

    /** datatype, shape, JSON data, the exact little-endian bytes Triton expects. */
    static Stream<Arguments> everyDatatype() {
        return Stream.of(
                Arguments.of("BOOL", List.of(3L), "[true, false, true]", "01 00 01"),
                Arguments.of("UINT8", List.of(3L), "[0, 1, 255]", "00 01 ff"),
                Arguments.of("UINT16", List.of(2L), "[1, 65535]", "0100 ffff"),
                Arguments.of("UINT32", List.of(2L), "[1, 4294967295]", "01000000 ffffffff"),
                Arguments.of("UINT64", List.of(2L), "[1, 18446744073709551615]",
                        "0100000000000000 ffffffffffffffff"),
                Arguments.of("INT8", List.of(3L), "[-128, 127, -1]", "80 7f ff"),
                Arguments.of("INT16", List.of(2L), "[-2, 258]", "feff 0201"),
                Arguments.of("INT32", List.of(2L), "[-2147483648, 16909060]", "00000080 04030201"),
                Arguments.of("INT64", List.of(2L), "[-9223372036854775808, 1]",
                        "0000000000000080 0100000000000000"),
                Arguments.of("FP32", List.of(2L), "[1.5, -2.0]", "0000c03f 000000c0"),
                Arguments.of("FP64", List.of(2L), "[1.5, -0.25]", "000000000000f83f 000000000000d0bf"),
                // "héllo" is 6 bytes in UTF-8; each element is a 4-byte LE length, then the bytes
                Arguments.of("BYTES", List.of(2L), "[\"héllo\", \"\"]", "06000000 68c3a96c6c6f 00000000"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("everyDatatype")
    void jsonBecomesExactLittleEndianBytes(String datatype, List<Long> shape, String data, String bytes) {
        ByteString raw = TensorData.fromJson("IN", datatype, shape, json(data));
        assertEquals(HexFormat.of().formatHex(hex(bytes)), hex(raw));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("everyDatatype")
    void bytesWrittenBackAsJsonThroughTheResponseCodecGiveTheSameValues(String datatype, List<Long> shape,
                                                                          String data, String bytes) {
        ModelInferResponse r = ModelInferResponse.newBuilder().setModelName("m").setModelVersion("1")
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("OUT").setDatatype(datatype)
                        .addAllShape(shape))
                .addRawOutputContents(ByteString.copyFrom(hex(bytes)))
                .build();
        InferRequestCodec.Parsed asJson = new InferRequestCodec.Parsed(
                ModelInferRequest.getDefaultInstance(), false, Set.of());
        JsonNode out = json(new String(InferResponseCodec.encode(r, asJson).json(),
                StandardCharsets.UTF_8));
        assertEquals(json(data), out.at("/outputs/0/data"));
    }

    @Test
    void uint64MaxAndInt64MinSurviveTheRoundTripAsExactIntegers() {
        JsonNode u = json("[18446744073709551615]");
        JsonNode i = json("[-9223372036854775808]");
        ModelInferResponse r = ModelInferResponse.newBuilder().setModelName("m").setModelVersion("1")
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("U").setDatatype("UINT64")
                        .addShape(1))
                .addRawOutputContents(TensorData.fromJson("U", "UINT64", List.of(1L), u))
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("I").setDatatype("INT64")
                        .addShape(1))
                .addRawOutputContents(TensorData.fromJson("I", "INT64", List.of(1L), i))
                .build();
        String text = new String(InferResponseCodec.encode(r, new InferRequestCodec.Parsed(
                ModelInferRequest.getDefaultInstance(), false, Set.of())).json(),
                StandardCharsets.UTF_8);
        assertTrue(text.contains("\"data\":[18446744073709551615]"), text);
        assertTrue(text.contains("\"data\":[-9223372036854775808]"), text);
    }

    @Test
    void nestedArraysFlattenInRowMajorOrder() {
        ByteString nested = TensorData.fromJson("IN", "UINT8", List.of(2L, 3L), json("[[1, 2, 3], [4, 5, 6]]"));
        assertEquals("010203040506", hex(nested));
        ByteString deep = TensorData.fromJson("IN", "INT16", List.of(2L, 2L, 1L), json("[[[1], [2]], [[3], [4]]]"));
        assertEquals("0100020003000400", hex(deep));
    }

    @Test
    void emptyTensorGivesNoBytes() {
        assertEquals(0, TensorData.fromJson("IN", "FP32", List.of(2L, 0L), json("[]")).size());
    }

    private static RadgateException badInput(String input, String datatype, List<Long> shape, String data) {
        RadgateException e = assertThrows(RadgateException.class,
                () -> TensorData.fromJson(input, datatype, shape, json(data)));
        assertEquals(ErrorKind.BAD_INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("'" + input + "'"), "message names the input: " + e.getMessage());
        return e;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "UINT8  | [256]",
            "UINT8  | [-1]",
            "INT8   | [-129]",
            "INT8   | [128]",
            "UINT16 | [65536]",
            "INT16  | [32768]",
            "UINT32 | [-1]",
            "UINT32 | [4294967296]",
            "INT32  | [2147483648]",
            "INT64  | [9223372036854775808]",
            "UINT64 | [-1]",
            "UINT64 | [18446744073709551616]"})
    void outOfRangeIntegerIsBadInputNamingTheInput(String datatype, String data) {
        RadgateException e = badInput("PIXELS", datatype.trim(), List.of(1L), data.trim());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "FP32  | [\"a\"]",
            "FP64  | [null]",
            "INT32 | [1.5]",
            "UINT8 | [true]",
            "BOOL  | [1]",
            "BOOL  | [\"true\"]",
            "BYTES | [1]",
            "INT64 | [{}]"})
    void wrongElementTypeIsBadInputNamingTheInput(String datatype, String data) {
        badInput("PIXELS", datatype.trim(), List.of(1L), data.trim());
    }

    @Test
    void elementCountDifferentFromShapeIsBadInputNamingTheInput() {
        RadgateException e = badInput("IMAGE", "UINT8", List.of(2L, 2L), "[1, 2, 3]");
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("3"), e.getMessage());
        badInput("IMAGE", "UINT8", List.of(1L), "[[1], [2]]");
    }

    @ParameterizedTest
    @CsvSource({"FP16", "BF16"})
    void halfPrecisionJsonIsBadInputAskingForBinaryData(String datatype) {
        RadgateException e = badInput("HALF", datatype, List.of(1L), "[1.0]");
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }

    @Test
    void unknownDatatypeIsBadInputNamingTheInputAndDatatype() {
        RadgateException e = badInput("X", "FP8", List.of(1L), "[1]");
        assertTrue(e.getMessage().contains("FP8"), e.getMessage());
    }

    @Test
    void negativeDimensionIsBadInputNamingTheInput() {
        badInput("X", "UINT8", List.of(1L, -1L), "[1]");
    }

    @Test
    void shapeWhoseElementCountOverflowsIsBadInputNamingTheInput() {
        badInput("X", "UINT8", List.of(4294967296L, 4294967296L, 4294967296L), "[1]");
    }

    @Test
    void elementSizesMatchTheKserveDatatypes() {
        assertEquals(1, TensorData.elementSize("BOOL"));
        assertEquals(2, TensorData.elementSize("FP16"));
        assertEquals(2, TensorData.elementSize("BF16"));
        assertEquals(4, TensorData.elementSize("UINT32"));
        assertEquals(8, TensorData.elementSize("FP64"));
        assertEquals(-1, TensorData.elementSize("BYTES"));
    }
}
