package io.radgate.protocol.arterys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3's json.dumps prints for the same values. */
class PyJsonTest {
    @Test
    void separatorsOrderAndNesting() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol_version", "1.0");
        m.put("parts", List.of());
        m.put("shape", Map.of("width", 3));
        m.put("box", List.of(1, 2));
        m.put("none", null);
        m.put("ok", true);
        m.put("empty", Map.of());
        assertEquals("{\"protocol_version\": \"1.0\", \"parts\": [], \"shape\": {\"width\": 3}, \"box\": [1, 2], "
                + "\"none\": null, \"ok\": true, \"empty\": {}}", PyJson.dumps(m));
    }

    @Test
    void ensureAsciiEscapes() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u00e9\\u2713\\ud83d\\ude00\\u0001\\u007f/\"",
                PyJson.dumps("a\"b\\c\n\té\u2713\uD83D\uDE00\u0001\u007f/"));
    }

    @Test
    void floatsAsPythonRepr() {
        assertEquals("0.5", PyJson.floatRepr(0.5));
        assertEquals("2.0", PyJson.floatRepr(2.0));
        assertEquals("-3.25", PyJson.floatRepr(-3.25));
        assertEquals("0.0001", PyJson.floatRepr(1e-4));
        assertEquals("1e-05", PyJson.floatRepr(1e-5));
        assertEquals("1.5e-07", PyJson.floatRepr(1.5e-7));
        assertEquals("1e+16", PyJson.floatRepr(1e16));
        assertEquals("1234567890123456.8", PyJson.floatRepr(1234567890123456.8));
        assertEquals("100.0", PyJson.floatRepr(100.0));
        assertEquals("0.1", PyJson.floatRepr(0.1));
        assertEquals("0.30000000000000004", PyJson.floatRepr(0.1 + 0.2));
        assertEquals("0.0", PyJson.floatRepr(0.0));
        assertEquals("NaN", PyJson.floatRepr(Double.NaN));
        assertEquals("Infinity", PyJson.floatRepr(Double.POSITIVE_INFINITY));
        assertEquals("0.8999999761581421", PyJson.floatRepr((double) 0.9f));
    }
}
