package io.radgate.protocol.medimageparse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.error.RadgateException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of {@code POST /score} as MedImageParse clients send it (PROTOCOLS.md §5.2):
 * {@code {"input_data": {"columns": ["image", "text"], "index": [...], "data": [[b64, "a & b"], ...]},
 * "params": {...}}}. Columns are found by name (any order); {@code index} is optional but, when
 * present, has one entry per data row and at most {@value #MAX_ROWS}; the base64 is decoded
 * MIME-tolerantly (line breaks of {@code base64.encodebytes}); prompts are split on {@code &}
 * and trimmed, empty pieces dropped. Every violation is BAD_INPUT naming the row.
 */
record ScoreRequest(List<Row> rows) {
    /** Most rows (and index entries) per request (DECISIONS.md). */
    static final int MAX_ROWS = 256;
    /** Most prompts (masks) per request, all rows together: each mask is 1 MiB of response. */
    static final int MAX_PROMPTS = 256;
    /**
     * Jackson without its 20 MB string limit: one base64 image may be larger, and the body is
     * already bounded by {@code limits.max-body-bytes}.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());

    /** One data row: the encoded image file and its prompts, in order. */
    record Row(byte[] image, List<String> prompts) {
    }

    static ScoreRequest parse(byte[] body) {
        JsonObject root;
        try {
            Object v = JSON.readValue(body, Object.class);
            if (!(v instanceof java.util.Map<?, ?> m)) {
                throw RadgateException.badInput("the request body must be a JSON object with \"input_data\"");
            }
            @SuppressWarnings("unchecked")
            JsonObject o = new JsonObject((java.util.Map<String, Object>) m);
            root = o;
        } catch (java.io.IOException e) {
            throw RadgateException.badInput("the request body is not valid JSON");
        }
        JsonObject input = object(root, "input_data", "the request");
        JsonArray columns = array(input, "columns");
        int image = column(columns, "image");
        int text = column(columns, "text");
        JsonArray data = array(input, "data");
        if (data.isEmpty()) {
            throw RadgateException.badInput("input_data.data has no rows");
        }
        if (data.size() > MAX_ROWS) {
            throw RadgateException.badInput("input_data.data has " + data.size() + " rows; at most " + MAX_ROWS);
        }
        if (input.containsKey("index")) {
            JsonArray index = array(input, "index");
            if (index.size() > MAX_ROWS) {
                throw RadgateException.badInput("input_data.index has " + index.size() + " entries; at most " + MAX_ROWS);
            }
            if (index.size() != data.size()) {
                throw RadgateException.badInput("input_data.index has " + index.size() + " entries but data has "
                        + data.size() + " rows");
            }
        }
        List<Row> rows = new ArrayList<>(data.size());
        int prompts = 0;
        for (int r = 0; r < data.size(); r++) {
            if (!(data.getValue(r) instanceof JsonArray row)) {
                throw RadgateException.badInput("input_data.data row " + r + " is not a list");
            }
            if (row.size() != columns.size()) {
                throw RadgateException.badInput("input_data.data row " + r + " has " + row.size()
                        + " values for " + columns.size() + " columns");
            }
            Row parsed = new Row(decodeImage(row.getValue(image), r), prompts(row.getValue(text), r));
            prompts += parsed.prompts().size();
            if (prompts > MAX_PROMPTS) {
                throw RadgateException.badInput("the request has more than " + MAX_PROMPTS + " prompts in all");
            }
            rows.add(parsed);
        }
        return new ScoreRequest(List.copyOf(rows));
    }

    /** Base64 with or without MIME line breaks; RFC 2045 decoding skips line separators. */
    static byte[] decodeImage(Object cell, int row) {
        if (!(cell instanceof String s) || s.isBlank()) {
            throw RadgateException.badInput("row " + row + " has no image (a base64-encoded PNG string)");
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(s);
            if (bytes.length == 0) {
                throw RadgateException.badInput("row " + row + ": the image base64 holds no bytes");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw RadgateException.badInput("row " + row + ": the image is not valid base64 (" + e.getMessage() + ")");
        }
    }

    /** {@code "a & b"} → {@code [a, b]}; at least one non-empty prompt. */
    static List<String> prompts(Object cell, int row) {
        if (!(cell instanceof String s)) {
            throw RadgateException.badInput("row " + row + " has no text prompt (a string, several joined with '&')");
        }
        List<String> out = new ArrayList<>();
        for (String p : s.split("&")) {
            String t = p.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            throw RadgateException.badInput("row " + row + " has an empty text prompt");
        }
        return List.copyOf(out);
    }

    private static JsonObject object(JsonObject o, String key, String where) {
        if (!(o.getValue(key) instanceof JsonObject v)) {
            throw RadgateException.badInput(where + " has no \"" + key + "\" object");
        }
        return v;
    }

    private static JsonArray array(JsonObject input, String key) {
        if (!(input.getValue(key) instanceof JsonArray v)) {
            throw RadgateException.badInput("input_data has no \"" + key + "\" list");
        }
        return v;
    }

    private static int column(JsonArray columns, String name) {
        int i = columns.getList().indexOf(name);
        if (i < 0) {
            throw RadgateException.badInput("input_data.columns " + columns.encode() + " has no \"" + name + "\" column");
        }
        return i;
    }
}
