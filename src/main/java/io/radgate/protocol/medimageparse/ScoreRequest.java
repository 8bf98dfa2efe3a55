package io.radgate.protocol.medimageparse;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.error.RadgateException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of {@code POST /score} as MedImageParse clients send it (PROTOCOLS.md §5.2):
 * {@code {"input_data": {"columns": ["image", "text"], "index": [...], "data": [[b64, "a & b"], ...]},
 * "params": {...}}}. Columns are found by name (any order); {@code index} is optional but, when
 * present, has one entry per data row and at most {@value #MAX_ROWS}; the base64 is decoded
 * MIME-tolerantly (line breaks of {@code base64.encodebytes}); prompts are split on {@code &}
 * and trimmed, empty pieces dropped. Every violation is BAD_INPUT naming the row; going over a
 * memory bound ({@link Bounds}) is TOO_LARGE naming its setting.
 */
record ScoreRequest(List<Row> rows) {
    /** Most rows (and index entries) per request (DECISIONS.md). */
    static final int MAX_ROWS = 256;

    /**
     * Memory bounds checked while the body is parsed, before what they bound is allocated:
     * {@code medimageparse.max-masks} (each mask is 1 MiB of answer) and
     * {@code medimageparse.max-prompt-chars}.
     */
    record Bounds(int maxMasks, int maxPromptChars) {
        static final Bounds DEFAULT = new Bounds(256, Integer.MAX_VALUE);
    }

    /**
     * Jackson without its 20 MB string limit: one base64 image may be larger, and the body is
     * already bounded by {@code limits.max-body-bytes}.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());
    /** base64 with or without padding; escaped line breaks between groups are skipped. */
    private static final Base64Variant BASE64 = Base64Variants.MIME
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    /** One data row: the encoded image file and its prompts, in order. */
    record Row(byte[] image, List<String> prompts) {
    }

    static ScoreRequest parse(byte[] body) {
        return parse(new java.io.ByteArrayInputStream(body), Bounds.DEFAULT);
    }

    /**
     * Parses the body as a stream: each row's image is decoded from base64 straight out of the
     * JSON text (no String of it is made when "columns" comes before "data", as clients send it).
     */
    static ScoreRequest parse(InputStream body, Bounds bounds) {
        try (JsonParser p = JSON.createParser(body)) {
            ScoreRequestParser parsed = new ScoreRequestParser(p, bounds);
            parsed.document();
            return new ScoreRequest(List.copyOf(parsed.rows()));
        } catch (StreamReadException e) {
            throw RadgateException.badInput("the request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw RadgateException.badInput("the request body could not be read");
        }
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

    /** Decodes a base64 string cell's image straight from the parser; BAD_INPUT naming the row. */
    static byte[] decodeImage(JsonParser p, int row) throws java.io.IOException {
        byte[] bytes;
        try {
            bytes = p.getBinaryValue(BASE64);
        } catch (StreamReadException e) {
            throw RadgateException.badInput("row " + row + ": the image is not valid base64 ("
                    + e.getOriginalMessage() + ")");
        }
        if (bytes.length == 0) {
            throw RadgateException.badInput("row " + row + " has no image (a base64-encoded PNG string)");
        }
        return bytes;
    }
}
