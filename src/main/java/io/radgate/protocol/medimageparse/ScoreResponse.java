package io.radgate.protocol.medimageparse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;

/**
 * The body of a {@code /score} answer (PROTOCOLS.md §5.3): a JSON list, one element per row,
 * {@code {"image_features": "<JSON string>", "text_features": [category per prompt]}}, where the
 * string is {@code {"data": "<base64 of raw C-order bytes>", "shape": [N, size, size], "dtype":
 * "uint8"}} with double quotes (clients {@code json.loads} it), mask values 0 or 255.
 */
final class ScoreResponse {
    /** Probability level (0..255) from which a pixel is in the mask: p ≥ 0.5. */
    static final int LEVEL = 128;

    /** One row's masks (already 0/255, row-major, size × size each) and categories. */
    record RowResult(int size, List<byte[]> masks, List<String> categories) {
    }

    private ScoreResponse() {
    }

    static String render(List<RowResult> rows) {
        JsonArray out = new JsonArray();
        for (RowResult r : rows) {
            out.add(new JsonObject().put("image_features", imageFeatures(r))
                    .put("text_features", new JsonArray(List.copyOf(r.categories()))));
        }
        return out.encode();
    }

    /** The string-encoded image features of one row. */
    static String imageFeatures(RowResult r) {
        int plane = r.size() * r.size();
        byte[] all = new byte[r.masks().size() * plane];
        for (int i = 0; i < r.masks().size(); i++) {
            System.arraycopy(r.masks().get(i), 0, all, i * plane, plane);
        }
        return "{\"data\": \"" + Base64.getEncoder().encodeToString(all) + "\", \"shape\": [" + r.masks().size()
                + ", " + r.size() + ", " + r.size() + "], \"dtype\": \"uint8\"}";
    }
}
