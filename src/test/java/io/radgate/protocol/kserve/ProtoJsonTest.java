package io.radgate.protocol.kserve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.radgate.triton.proto.DataType;
import io.radgate.triton.proto.InferParameter;
import io.radgate.triton.proto.MemoryUsage;
import io.radgate.triton.proto.ModelConfig;
import io.radgate.triton.proto.ModelDynamicBatching;
import io.radgate.triton.proto.ModelInput;
import io.radgate.triton.proto.ModelInstanceGroup;
import io.radgate.triton.proto.ModelOutput;
import io.radgate.triton.proto.ModelParameter;
import io.radgate.triton.proto.ModelRateLimiter;
import io.radgate.triton.proto.ModelRepositoryParameter;
import io.radgate.triton.proto.ModelStatistics;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtoJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String text(com.google.protobuf.Message m) {
        return new String(ProtoJson.toJson(m), StandardCharsets.UTF_8);
    }

    private static JsonNode tree(com.google.protobuf.Message m) throws Exception {
        return JSON.readTree(ProtoJson.toJson(m));
    }

    private static ModelConfig config() {
        return ModelConfig.newBuilder()
                .setName("threshold_seg")
                .setBackend("python")
                .addInput(ModelInput.newBuilder().setName("IMAGE").setDataType(DataType.TYPE_UINT8)
                        .addAllDims(List.of(1L, -1L, -1L)))
                .addOutput(ModelOutput.newBuilder().setName("MASK").setDataType(DataType.TYPE_UINT8)
                        .addAllDims(List.of(1L, -1L, -1L)))
                .addInstanceGroup(ModelInstanceGroup.newBuilder().setKind(ModelInstanceGroup.Kind.KIND_CPU).setCount(1))
                .putParameters("EXECUTION_ENV_PATH", ModelParameter.newBuilder().setStringValue("$$TRITON/env").build())
                .setDynamicBatching(ModelDynamicBatching.newBuilder().setMaxQueueDelayMicroseconds(100))
                .build();
    }

    @Test
    void int64DimsAreJsonNumbers() throws Exception {
        JsonNode dims = tree(config()).at("/input/0/dims");
        assertEquals(3, dims.size());
        for (JsonNode d : dims) {
            assertTrue(d.isIntegralNumber(), "dim is a number, not a string: " + d);
        }
        assertEquals(List.of(1L, -1L, -1L), List.of(dims.get(0).longValue(), dims.get(1).longValue(),
                dims.get(2).longValue()));
        assertTrue(text(config()).contains("\"dims\":[1,-1,-1]"), text(config()));
    }

    @Test
    void enumsArePrintedByName() throws Exception {
        JsonNode c = tree(config());
        assertEquals("TYPE_UINT8", c.at("/input/0/data_type").textValue());
        assertEquals("KIND_CPU", c.at("/instance_group/0/kind").textValue());
        assertEquals("FORMAT_NONE", c.at("/input/0/format").textValue(), "default enum value still printed");
    }

    @Test
    void unsetMessageFieldsAreLeftOut() throws Exception {
        JsonNode c = tree(config());
        assertFalse(c.has("version_policy"));
        assertFalse(c.has("optimization"));
        assertFalse(c.has("model_transaction_policy"));
        assertFalse(c.at("/input/0").has("reshape"));
        assertFalse(c.at("/instance_group/0").has("rate_limiter"));
    }

    @Test
    void scalarsWithoutPresenceArePrintedEvenAtTheirDefault() throws Exception {
        JsonNode c = tree(config());
        assertEquals("", c.get("platform").textValue());
        assertTrue(c.get("max_batch_size").isIntegralNumber());
        assertEquals(0, c.get("max_batch_size").intValue());
        assertFalse(c.at("/input/0/optional").booleanValue());
        assertTrue(c.at("/input/0/optional").isBoolean());
    }

    @Test
    void emptyRepeatedAndMapFieldsArePrintedEmpty() throws Exception {
        JsonNode c = tree(config());
        assertTrue(c.get("batch_input").isArray() && c.get("batch_input").isEmpty());
        assertTrue(c.get("model_warmup").isArray() && c.get("model_warmup").isEmpty());
        assertTrue(c.get("metric_tags").isObject() && c.get("metric_tags").isEmpty());
        assertTrue(c.get("cc_model_filenames").isObject() && c.get("cc_model_filenames").isEmpty());
        assertTrue(c.at("/instance_group/0/gpus").isArray() && c.at("/instance_group/0/gpus").isEmpty());
    }

    @Test
    void mapFieldIsAnObjectKeyedByTheMapKey() throws Exception {
        JsonNode p = tree(config()).get("parameters");
        assertEquals(1, p.size());
        assertEquals("$$TRITON/env", p.at("/EXECUTION_ENV_PATH/string_value").textValue());
    }

    @Test
    void onlyTheSetMemberOfAOneofIsPrinted() throws Exception {
        JsonNode c = tree(config());
        assertEquals(100, c.at("/dynamic_batching/max_queue_delay_microseconds").intValue());
        assertFalse(c.has("sequence_batching"));
        assertFalse(c.has("ensemble_scheduling"));

        JsonNode p = tree(InferParameter.newBuilder().setBoolParam(false).build());
        assertEquals("{\"bool_param\":false}", p.toString(), "a oneof member set to its default is still printed");
        assertEquals("{}", text(InferParameter.getDefaultInstance()));
    }

    @Test
    void fieldNamesAreProtoSnakeCaseInDeclarationOrder() throws Exception {
        JsonNode c = tree(config());
        assertTrue(c.has("max_batch_size") && c.has("instance_group") && c.has("default_model_filename"));
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            assertEquals(n.toLowerCase(java.util.Locale.ROOT), n, "no camelCase: " + n);
            names.add(n);
        }
        assertEquals(List.of("name", "platform", "max_batch_size", "input", "output", "instance_group"),
                names.subList(0, 6));
    }

    @Test
    void unsignedIntegersAboveTheSignedMaximumPrintAsUnsignedNumbers() {
        ModelStatistics s = ModelStatistics.newBuilder()
                .setName("threshold_seg").setVersion("1")
                .setInferenceCount(-1L)                // 2^64 - 1
                .setExecutionCount(Long.MIN_VALUE)     // 2^63
                .setLastInference(1_700_000_000_000L)
                .addMemoryUsage(MemoryUsage.newBuilder().setType("CPU").setId(-2).setByteSize(-2L))
                .build();
        String t = text(s);
        assertTrue(t.contains("\"inference_count\":18446744073709551615"), t);
        assertTrue(t.contains("\"execution_count\":9223372036854775808"), t);
        assertTrue(t.contains("\"last_inference\":1700000000000"), t);
        assertTrue(t.contains("\"byte_size\":18446744073709551614"), t);
        assertTrue(t.contains("\"id\":-2"), "int64 stays signed: " + t);
    }

    @Test
    void unsignedIntegersParseBackToTheSameValue() throws Exception {
        JsonNode n = tree(ModelStatistics.newBuilder().setInferenceCount(-1L).build());
        assertEquals(new BigInteger("18446744073709551615"), n.get("inference_count").bigIntegerValue());
        assertTrue(n.get("inference_count").isIntegralNumber());
    }

    @Test
    void uint32AboveTheSignedMaximumPrintsUnsigned() {
        String t = text(ModelRateLimiter.newBuilder().setPriority(-1).build());
        assertTrue(t.contains("\"priority\":4294967295"), t);
    }

    @Test
    void bytesFieldsAreBase64AndDoublesAreNumbers() throws Exception {
        assertEquals("{\"bytes_param\":\"AQID\"}",
                text(ModelRepositoryParameter.newBuilder().setBytesParam(ByteString.copyFrom(new byte[] {1, 2, 3}))
                        .build()));
        JsonNode d = tree(InferParameter.newBuilder().setDoubleParam(0.25).build());
        assertEquals(0.25, d.get("double_param").doubleValue());
        assertEquals("{\"double_param\":\"NaN\"}", text(InferParameter.newBuilder().setDoubleParam(Double.NaN).build()));
    }

    @Test
    void floatFieldsPrintInTheirShortestFormNotWidened() {
        ModelConfig c = ModelConfig.newBuilder().setOptimization(io.radgate.triton.proto.ModelOptimizationPolicy
                .newBuilder().setGatherKernelBufferThreshold(0)).addOutput(ModelOutput.newBuilder().setName("P"))
                .setSequenceBatching(io.radgate.triton.proto.ModelSequenceBatching.newBuilder()
                        .setMaxSequenceIdleMicroseconds(1)
                        .addControlInput(io.radgate.triton.proto.ModelSequenceBatching.ControlInput.newBuilder()
                                .setName("START").addControl(io.radgate.triton.proto.ModelSequenceBatching.Control
                                        .newBuilder().addFp32FalseTrue(0.1f).addFp32FalseTrue(1.0f))))
                .build();
        String json = text(c);
        assertTrue(json.contains("\"fp32_false_true\":[0.1,1.0]"), json);
    }

    @Test
    void unsignedMapKeysAboveLongMaxPrintUnsigned() {
        ModelDynamicBatching b = ModelDynamicBatching.newBuilder()
                .putPriorityQueuePolicy(-1L, io.radgate.triton.proto.ModelQueuePolicy.getDefaultInstance()).build();
        assertTrue(text(b).contains("\"18446744073709551615\":{"), text(b));
    }
}
