package io.radgate.protocol.invocations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.RadgateException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inference-Parameters, slice_idx and Write-To-GCS as the original reads them. */
class InferenceParametersTest {

    @Test
    void singleQuotesAreAcceptedAndAbsentMeansTheDefaultThreshold() {
        assertEquals(new JsonObject().put("threshold", 0.5),
                new JsonObject(InferenceParameters.parse("{'threshold': 0.5}").json()));
        assertEquals(new JsonObject().put("threshold", 0.25), new JsonObject(InferenceParameters.parse(null).json()));
        assertEquals(new JsonObject().put("threshold", 0.25), new JsonObject(InferenceParameters.parse(" ").json()));
        assertNull(InferenceParameters.parse("{'threshold': 0.5}").sliceSuffixes());
    }

    @Test
    void sliceIdxBecomesZeroPaddedFileNamesAndIsRemoved() {
        InferenceParameters p = InferenceParameters.parse("{'threshold': 0.3, 'slice_idx': [45, 7, 1000]}");
        assertEquals(List.of("file.045", "file.007", "file.1000"), p.sliceSuffixes());
        assertFalse(new JsonObject(p.json()).containsKey("slice_idx"));
        assertEquals(0.3, new JsonObject(p.json()).getDouble("threshold"));
    }

    @Test
    void malformedParametersAre400NamingTheProblem() {
        for (String bad : List.of("{threshold: }", "[1, 2]", "\"text\"", "{'slice_idx': 4}", "{'slice_idx': [1.5]}",
                "{'slice_idx': [-1]}", "{'slice_idx': ['a']}")) {
            RadgateException e = assertThrows(RadgateException.class, () -> InferenceParameters.parse(bad), bad);
            assertEquals(400, e.httpStatus());
            assertTrue(e.getMessage().startsWith("Inference-Parameters"), e.getMessage());
        }
        assertThrows(RadgateException.class, () -> InferenceParameters.parse("{'a': '" + "x".repeat(70_000) + "'}"));
    }

    @Test
    void writeToGcsReadsLikeFastApisBool() {
        for (String t : List.of("true", "True", "1", "yes", "on")) {
            assertTrue(WriteFlag.parse(t), t);
        }
        for (String f : List.of("false", "0", "no", "OFF")) {
            assertFalse(WriteFlag.parse(f), f);
        }
        assertFalse(WriteFlag.parse(null));
        assertEquals(400, assertThrows(RadgateException.class, () -> WriteFlag.parse("maybe")).httpStatus());
    }

    @Test
    void fingerprintsSeparateTheirParts() {
        assertFalse(Fingerprint.of("ab", "c").equals(Fingerprint.of("a", "bc")));
        assertFalse(Fingerprint.of("a", null).equals(Fingerprint.of("a", "null")));
        assertEquals(Fingerprint.of("a", "b"), Fingerprint.of("a", "b"));
    }
}
