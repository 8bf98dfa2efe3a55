package io.radgate.protocol.invocations;

import io.radgate.error.RadgateException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Inference-Parameters} header: a JSON object, single quotes accepted (the original
 * replaces every {@code '} with {@code "} before parsing, and so does this). {@code slice_idx}, a
 * list of integers, selects bucket objects {@code <prefix>/file.NNN} and is removed before the
 * parameters reach the model.
 */
record InferenceParameters(String json, List<String> sliceSuffixes) {
    static final int MAX_HEADER_CHARS = 64 * 1024;
    static final String DEFAULT = "{\"threshold\": 0.25}";

    /** Parses the header; {@code null} or blank means {@link #DEFAULT}. */
    static InferenceParameters parse(String header) {
        String text = header == null || header.isBlank() ? DEFAULT : header.replace('\'', '"');
        if (text.length() > MAX_HEADER_CHARS) {
            throw RadgateException.badInput("Inference-Parameters is longer than " + MAX_HEADER_CHARS + " characters");
        }
        JsonObject params;
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(text);
            if (!(parsed instanceof JsonObject o)) {
                throw RadgateException.badInput("Inference-Parameters must be a JSON object, e.g. {'threshold': 0.25}");
            }
            params = o;
        } catch (DecodeException e) {
            throw RadgateException.badInput("Inference-Parameters is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!params.containsKey("slice_idx")) {
            return new InferenceParameters(params.encode(), null);
        }
        Object raw = params.remove("slice_idx");
        if (!(raw instanceof JsonArray list)) {
            throw RadgateException.badInput("Inference-Parameters: slice_idx must be a list of integers");
        }
        List<String> suffixes = new ArrayList<>();
        for (Object v : list) {
            if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0
                    || ((Number) v).longValue() > 99_999_999L) {
                throw RadgateException.badInput("Inference-Parameters: slice_idx must hold non-negative integers, got "
                        + v);
            }
            suffixes.add(String.format("file.%03d", ((Number) v).longValue()));
        }
        return new InferenceParameters(params.encode(), suffixes);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
