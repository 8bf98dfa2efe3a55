package io.radgate.protocol.medimageparse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.config.Setting;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One streaming walk over a {@code /score} body (see {@link ScoreRequest}). Keys may come in any
 * order; when "columns" comes before "data" (as clients send it) each image is decoded from the
 * base64 in the JSON text directly, so the body's memory is the body plus the images' bytes.
 * Bounds that protect memory (rows, masks, prompt length) stop the walk at once; the other
 * checks run at the end, in the order of the request's structure.
 */
final class ScoreRequestParser {
    /** A cell that is neither a string nor null (a number, list, object or boolean). */
    private static final Object OTHER = new Object();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A data row as read; {@code cells} null when the row was not a list. */
    private record RawRow(List<Object> cells) {
    }

    private final JsonParser p;
    private final ScoreRequest.Bounds bounds;
    private boolean sawInput;
    private List<?> columns;
    private boolean dataIsList;
    private boolean sawIndex;
    private int indexSize = -1;
    private int imageColumn = -1;
    private int textColumn = -1;
    private int masks;
    private final List<RawRow> raw = new ArrayList<>();

    ScoreRequestParser(JsonParser p, ScoreRequest.Bounds bounds) {
        this.p = p;
        this.bounds = bounds;
    }

    void document() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            if (p.currentToken() == null) {
                throw RadgateException.badInput("the request body is not valid JSON");
            }
            throw RadgateException.badInput("the request body must be a JSON object with \"input_data\"");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (key.equals("input_data") && value == JsonToken.START_OBJECT) {
                sawInput = true;
                input();
            } else {
                p.skipChildren();
            }
        }
    }

    private void input() throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            switch (key) {
                case "columns" -> columns(value);
                case "data" -> data(value);
                case "index" -> index(value);
                default -> p.skipChildren();
            }
        }
    }

    private void columns(JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            columns = null;
            return;
        }
        columns = JSON.readValue(p, List.class);
        imageColumn = columns.indexOf("image");
        textColumn = columns.indexOf("text");
    }

    private void index(JsonToken value) throws IOException {
        sawIndex = true;
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            indexSize = -1;
            return;
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
            if (++n > ScoreRequest.MAX_ROWS) {
                throw RadgateException.badInput("input_data.index has more than " + ScoreRequest.MAX_ROWS
                        + " entries; at most " + ScoreRequest.MAX_ROWS);
            }
        }
        indexSize = n;
    }

    private void data(JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            dataIsList = false;
            return;
        }
        dataIsList = true;
        raw.clear();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int r = raw.size();
            if (r >= ScoreRequest.MAX_ROWS) {
                throw RadgateException.badInput("input_data.data has more than " + ScoreRequest.MAX_ROWS
                        + " rows; at most " + ScoreRequest.MAX_ROWS);
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                raw.add(new RawRow(null));
                continue;
            }
            List<Object> cells = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                cells.add(cell(r, cells.size()));
            }
            raw.add(new RawRow(cells));
        }
    }

    /** One cell: the image decoded when its column is known, strings kept, anything else marked. */
    private Object cell(int row, int column) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return OTHER;
        }
        if (columns != null && column == imageColumn) {
            return ScoreRequest.decodeImage(p, row);
        }
        if (columns != null && column != textColumn) {
            return OTHER; // a column radgate does not read: its string is skipped, never held
        }
        String text = p.getText();
        if (columns != null) {
            countMasks(text, row);
        }
        return text;
    }

    /** Checks a prompt cell against the bounds as soon as it is read. */
    private void countMasks(String text, int row) {
        if (text.length() > bounds.maxPromptChars()) {
            throw new RadgateException(ErrorKind.TOO_LARGE, "row " + row + ": the text prompt has " + text.length()
                    + " characters; at most " + bounds.maxPromptChars() + " ("
                    + Setting.MEDIMAGEPARSE_MAX_PROMPT_CHARS.key() + ")");
        }
        masks += ScoreRequest.prompts(text, row).size();
        if (masks > bounds.maxMasks()) {
            throw new RadgateException(ErrorKind.TOO_LARGE, "the request asks for more than " + bounds.maxMasks()
                    + " masks (prompts of all rows together) (" + Setting.MEDIMAGEPARSE_MAX_MASKS.key() + ")");
        }
    }

    /** The rows, once every structural check passed, in the order of the request's structure. */
    List<ScoreRequest.Row> rows() throws IOException {
        if (!sawInput) {
            throw RadgateException.badInput("the request has no \"input_data\" object");
        }
        if (columns == null) {
            throw RadgateException.badInput("input_data has no \"columns\" list");
        }
        for (String name : List.of("image", "text")) {
            if (!columns.contains(name)) {
                throw RadgateException.badInput("input_data.columns " + JSON.writeValueAsString(columns)
                        + " has no \"" + name + "\" column");
            }
        }
        if (!dataIsList) {
            throw RadgateException.badInput("input_data has no \"data\" list");
        }
        if (raw.isEmpty()) {
            throw RadgateException.badInput("input_data.data has no rows");
        }
        if (sawIndex && indexSize < 0) {
            throw RadgateException.badInput("input_data has no \"index\" list");
        }
        if (sawIndex && indexSize != raw.size()) {
            throw RadgateException.badInput("input_data.index has " + indexSize + " entries but data has "
                    + raw.size() + " rows");
        }
        boolean counted = masks > 0;
        List<ScoreRequest.Row> rows = new ArrayList<>(raw.size());
        for (int r = 0; r < raw.size(); r++) {
            List<Object> cells = raw.get(r).cells();
            if (cells == null) {
                throw RadgateException.badInput("input_data.data row " + r + " is not a list");
            }
            if (cells.size() != columns.size()) {
                throw RadgateException.badInput("input_data.data row " + r + " has " + cells.size()
                        + " values for " + columns.size() + " columns");
            }
            Object image = cells.get(imageColumn);
            byte[] bytes = image instanceof byte[] b ? b
                    : ScoreRequest.decodeImage(image == OTHER ? null : image, r);
            Object text = cells.get(textColumn);
            List<String> prompts = ScoreRequest.prompts(text == OTHER ? null : text, r);
            if (!counted) {
                countMasks((String) text, r);
            }
            rows.add(new ScoreRequest.Row(bytes, prompts));
            raw.set(r, null); // the row's strings may go
        }
        return rows;
    }
}
