package io.radgate.protocol.mdai;

import io.radgate.error.RadgateException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * msgpack as MD.ai's server reads and writes it (Python {@code msgpack} 1.x:
 * {@code unpackb(raw=False)}, {@code packb(use_bin_type=True)}).
 *
 * <p>Reading gives plain Java values: nil → null, bool → Boolean, int → Long, float (32 or 64)
 * → Double, str → String, bin → byte[], array → List, map → Map with String keys (insertion
 * order). Anything else (ext types, non-string map keys, integers beyond int64, trailing
 * bytes, nesting deeper than {@link #MAX_DEPTH}) is BAD_INPUT. Container headers are checked
 * against the bytes left before anything is allocated, so a forged length cannot exhaust memory.
 *
 * <p>Writing: String → str, Integer/Long → the smallest int encoding (never a bool),
 * Double → float64 ({@code 0xcb}), Boolean → bool, byte[] → bin, List → array, Map → map,
 * {@link Grid} → array of arrays of ints (a mask).
 */
final class Msgpack {
    static final int MAX_DEPTH = 64;

    /** A 2D grid of small non-negative ints, row-major, packed as {@code [[v, ...], ...]}. */
    record Grid(int width, int height, byte[] values) {
    }

    private Msgpack() {
    }

    static Object unpack(byte[] body) {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(body)) {
            if (!in.hasNext()) {
                throw RadgateException.badInput("the body is empty, expected a msgpack map");
            }
            Object value = read(in, body.length, 0);
            if (in.hasNext()) {
                throw RadgateException.badInput("the body holds bytes after its msgpack value");
            }
            return value;
        } catch (RadgateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw RadgateException.badInput("the body is not valid msgpack"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private static Object read(MessageUnpacker in, long total, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw RadgateException.badInput("msgpack nesting is deeper than " + MAX_DEPTH);
        }
        MessageFormat f = in.getNextFormat();
        ValueType t = f.getValueType();
        switch (t) {
            case NIL:
                in.unpackNil();
                return null;
            case BOOLEAN:
                return in.unpackBoolean();
            case INTEGER:
                if (f == MessageFormat.UINT64) {
                    BigInteger big = in.unpackBigInteger();
                    if (big.bitLength() > 63) {
                        throw RadgateException.badInput("msgpack integer " + big + " is beyond int64");
                    }
                    return big.longValue();
                }
                return in.unpackLong();
            case FLOAT:
                return in.unpackDouble();
            case STRING:
                return in.unpackString();
            case BINARY: {
                int n = in.unpackBinaryHeader();
                checkLength(in, total, n, "bin");
                return in.readPayload(n);
            }
            case ARRAY: {
                int n = in.unpackArrayHeader();
                checkLength(in, total, n, "array");
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(read(in, total, depth + 1));
                }
                return list;
            }
            case MAP: {
                int n = in.unpackMapHeader();
                checkLength(in, total, 2L * n, "map");
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    if (in.getNextFormat().getValueType() != ValueType.STRING) {
                        throw RadgateException.badInput("msgpack map keys must be strings, got "
                                + in.getNextFormat().getValueType().name().toLowerCase());
                    }
                    String key = in.unpackString();
                    map.put(key, read(in, total, depth + 1));
                }
                return map;
            }
            default:
                throw RadgateException.badInput("msgpack " + t.name().toLowerCase() + " values are not accepted");
        }
    }

    /** Each element takes at least one byte: a header promising more than is left is a lie. */
    private static void checkLength(MessageUnpacker in, long total, long n, String what) {
        long left = total - in.getTotalReadBytes();
        if (n < 0 || n > left) {
            throw RadgateException.badInput("msgpack " + what + " claims " + n + " elements or bytes but only "
                    + left + " bytes are left");
        }
    }

    static byte[] pack(Object value) {
        try (MessagePacker out = MessagePack.newDefaultBufferPacker()) {
            write(out, value);
            return ((org.msgpack.core.MessageBufferPacker) out).toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot pack msgpack", e);
        }
    }

    private static void write(MessagePacker out, Object v) throws IOException {
        if (v == null) {
            out.packNil();
        } else if (v instanceof String s) {
            out.packString(s);
        } else if (v instanceof Integer i) {
            out.packInt(i);
        } else if (v instanceof Long l) {
            out.packLong(l);
        } else if (v instanceof Double d) {
            out.packDouble(d);
        } else if (v instanceof Boolean b) {
            out.packBoolean(b);
        } else if (v instanceof byte[] b) {
            out.packBinaryHeader(b.length);
            out.writePayload(b);
        } else if (v instanceof List<?> list) {
            out.packArrayHeader(list.size());
            for (Object o : list) {
                write(out, o);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.packString((String) e.getKey());
                write(out, e.getValue());
            }
        } else if (v instanceof Grid g) {
            out.packArrayHeader(g.height());
            for (int y = 0; y < g.height(); y++) {
                out.packArrayHeader(g.width());
                for (int x = 0; x < g.width(); x++) {
                    out.packInt(g.values()[y * g.width() + x] & 0xff);
                }
            }
        } else {
            throw new IllegalArgumentException("cannot pack " + v.getClass().getName());
        }
    }
}
