package io.radgate.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The fields every log line of one request carries. Requests hop between event-loop and
 * worker threads, so the fields live here (attached to the request) and are put into the
 * MDC only around each log call, then removed.
 *
 * <p>Only what DECISIONS.md allows goes in: ids, model names, sizes, timings. Never patient
 * tags, pixel data or request bodies.
 */
public final class LogContext {
    public static final String REQUEST_ID = "request_id";
    public static final String TRACE_ID = "trace_id";
    public static final String PROTOCOL = "protocol";
    public static final String MODEL = "model";
    public static final String HTTP_STATUS = "http_status";
    public static final String LATENCY_MS = "latency_ms";
    public static final String METHOD = "method";
    public static final String PATH = "path";

    private final Map<String, String> fields = new LinkedHashMap<>();

    public LogContext put(String key, Object value) {
        if (value == null) {
            fields.remove(key);
        } else {
            fields.put(key, String.valueOf(value));
        }
        return this;
    }

    public String get(String key) {
        return fields.get(key);
    }

    /** Runs {@code logCall} with this context's fields in the MDC. */
    public void log(Runnable logCall) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        try {
            fields.forEach(MDC::put);
            logCall.run();
        } finally {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        }
    }
}
