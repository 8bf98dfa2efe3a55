package io.radgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TraceParentTest {
    private static final String CALLER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aValidHeaderKeepsTheTraceAndFlagsWithANewSpanOfRadgates() {
        TraceParent t = TraceParent.continueOrStart(CALLER);
        assertEquals("0af7651916cd43dd8448eb211c80319c", t.traceId());
        assertEquals("01", t.flags());
        assertNotEquals("b7ad6b7169203331", t.spanId());
        assertTrue(t.header().matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01"), t.header());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"00-00000000000000000000000000000000-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01", "01-0af7651916cd43dd8448eb211c80319c",
            "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01", "00-0af7651916cd43dd-b7ad6b7169203331-01",
            "garbage"})
    void anythingElseStartsANewUnsampledTrace(String header) {
        TraceParent t = TraceParent.continueOrStart(header);
        assertTrue(t.header().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), t.header());
        assertNotEquals("0af7651916cd43dd8448eb211c80319c", t.traceId());
    }
}
