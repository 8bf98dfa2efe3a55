package io.radgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogContextTest {

    @BeforeEach
    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    private static Map<String, String> mdcDuring(LogContext ctx) {
        Map<String, String> seen = new HashMap<>();
        ctx.log(() -> {
            Map<String, String> m = MDC.getCopyOfContextMap();
            if (m != null) {
                seen.putAll(m);
            }
        });
        return seen;
    }

    @Test
    void fieldsAreInTheMdcOnlyDuringLog() {
        LogContext ctx = new LogContext().put(LogContext.REQUEST_ID, "r-1").put(LogContext.MODEL, "threshold_seg");
        assertNull(MDC.get(LogContext.REQUEST_ID), "put() alone does not touch the MDC");
        assertEquals(Map.of(LogContext.REQUEST_ID, "r-1", LogContext.MODEL, "threshold_seg"), mdcDuring(ctx));
        assertNull(MDC.get(LogContext.REQUEST_ID));
        assertNull(MDC.get(LogContext.MODEL));
    }

    @Test
    void previousMdcIsRestoredAfterLog() {
        MDC.put("outer", "kept");
        MDC.put(LogContext.MODEL, "outer-model");
        LogContext ctx = new LogContext().put(LogContext.MODEL, "inner-model").put(LogContext.HTTP_STATUS, 200);
        assertEquals(Map.of("outer", "kept", LogContext.MODEL, "inner-model", LogContext.HTTP_STATUS, "200"),
                mdcDuring(ctx));
        assertEquals(Map.of("outer", "kept", LogContext.MODEL, "outer-model"), MDC.getCopyOfContextMap());
    }

    @Test
    void previousMdcIsRestoredWhenTheLogCallThrows() {
        MDC.put("outer", "kept");
        LogContext ctx = new LogContext().put(LogContext.REQUEST_ID, "r-2");
        assertThrows(IllegalStateException.class, () -> ctx.log(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(Map.of("outer", "kept"), MDC.getCopyOfContextMap());
    }

    @Test
    void nullValueRemovesTheField() {
        LogContext ctx = new LogContext().put(LogContext.MODEL, "m").put(LogContext.PATH, "/v2");
        ctx.put(LogContext.MODEL, null);
        assertNull(ctx.get(LogContext.MODEL));
        assertEquals(Map.of(LogContext.PATH, "/v2"), mdcDuring(ctx));
    }

    @Test
    void valuesAreStoredAsStrings() {
        LogContext ctx = new LogContext().put(LogContext.LATENCY_MS, 12L).put(LogContext.HTTP_STATUS, 503);
        assertEquals("12", ctx.get(LogContext.LATENCY_MS));
        assertEquals("503", ctx.get(LogContext.HTTP_STATUS));
    }

    /** Keeps each event's MDC as the appender saw it, as radgate's synchronous JSON appender encodes it. */
    private static final class MdcCapture extends AppenderBase<ILoggingEvent> {
        final List<Map<String, String>> seen = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            seen.add(new HashMap<>(event.getMDCPropertyMap()));
        }
    }

    @Test
    void aLoggedEventCarriesTheFields() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.radgate.observability.LogContextTest.capture");
        MdcCapture appender = new MdcCapture();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        try {
            new LogContext().put(LogContext.REQUEST_ID, "r-3").put(LogContext.PROTOCOL, "kserve")
                    .log(() -> logger.info("request done"));
            logger.info("outside");
        } finally {
            logger.detachAppender(appender);
        }
        assertEquals(List.of(Map.of(LogContext.REQUEST_ID, "r-3", LogContext.PROTOCOL, "kserve"), Map.of()),
                appender.seen);
    }
}
