package io.radgate.protocol.mdai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MsgpackTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void floatsAreFloat64IntsAreIntsBytesAreBin() {
        assertEquals("cb3fe0000000000000", hex(Msgpack.pack(0.5)));
        assertEquals("00", hex(Msgpack.pack(0)));
        assertEquals("01", hex(Msgpack.pack(1))); // an int, never c3 (true)
        assertEquals("cd012c", hex(Msgpack.pack(300)));
        assertEquals("c3", hex(Msgpack.pack(true)));
        assertEquals("c403010203", hex(Msgpack.pack(new byte[] {1, 2, 3})));
        assertEquals("a26869", hex(Msgpack.pack("hi")));
        assertEquals("c0", hex(Msgpack.pack(null)));
        assertEquals("91920001", hex(Msgpack.pack(new Msgpack.Grid(2, 1, new byte[] {0, 1}))));
        assertEquals("92920001920100", hex(Msgpack.pack(new Msgpack.Grid(2, 2, new byte[] {0, 1, 1, 0}))));
    }

    @Test
    void mapsKeepInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "NONE");
        m.put("study_uid", "1.2");
        assertEquals("82a474797065a44e4f4e45a973747564795f756964a3312e32", hex(Msgpack.pack(m)));
    }

    @Test
    void readsWhatPythonMsgpackWrites() {
        // msgpack.packb({"files": [{"content": b"\x01\x02", "content_type": "application/dicom"}], "args": {}, "f": 1.5, "b": True, "n": None})
        byte[] body = hex("85 a5 66696c6573 91 82 a7 636f6e74656e74 c4 02 0102 ac 636f6e74656e745f74797065"
                + " b1 6170706c69636174696f6e2f6469636f6d a4 61726773 80 a1 66 cb 3ff8000000000000 a1 62 c3 a1 6e c0");
        Map<?, ?> m = (Map<?, ?>) Msgpack.unpack(body);
        Map<?, ?> file = (Map<?, ?>) ((List<?>) m.get("files")).get(0);
        assertArrayEquals(new byte[] {1, 2}, (byte[]) file.get("content"));
        assertEquals("application/dicom", file.get("content_type"));
        assertEquals(Map.of(), m.get("args"));
        assertEquals(1.5, m.get("f"));
        assertEquals(Boolean.TRUE, m.get("b"));
        assertTrue(m.containsKey("n"));
        assertEquals(7L, Msgpack.unpack(hex("07")));
        assertEquals(-1L, Msgpack.unpack(hex("ff")));
        assertEquals(1.5, Msgpack.unpack(hex("ca3fc00000"))); // float32 reads as a float too
    }

    @Test
    void roundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1L, 2.5, "x", Boolean.FALSE));
        m.put("b", Map.of("c", 3L));
        Map<?, ?> back = (Map<?, ?>) Msgpack.unpack(Msgpack.pack(m));
        assertEquals(m, back);
    }

    @Test
    void refusesWhatIsNotOneWellFormedValue() {
        for (String bad : new String[] {"", "c1", "92 01", "a5 6869", "01 02", "c7 01 05 00", "81 01 02",
                "dd ffffffff", "c6 7fffffff 00", "cf ffffffffffffffff"}) {
            RadgateException e = assertThrows(RadgateException.class, () -> Msgpack.unpack(hex(bad)), bad);
            assertEquals(ErrorKind.BAD_INPUT, e.kind(), bad);
        }
    }

    @Test
    void refusesDeepNesting() {
        byte[] deep = new byte[Msgpack.MAX_DEPTH + 2];
        Arrays.fill(deep, (byte) 0x91);
        deep[deep.length - 1] = 0;
        RadgateException e = assertThrows(RadgateException.class, () -> Msgpack.unpack(deep));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }
}
