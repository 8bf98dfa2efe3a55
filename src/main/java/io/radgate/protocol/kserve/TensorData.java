package io.radgate.protocol.kserve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.radgate.error.RadgateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts KServe v2 JSON tensor data to Triton's raw little-endian layout and back. BYTES
 * elements are a 4-byte little-endian length followed by the bytes, as in Triton's
 * {@code raw_input_contents}. FP16 and BF16 travel only as binary data (as with Triton's own
 * REST API), so they never need converting here.
 */
final class TensorData {
    private TensorData() {
    }

    static int elementSize(String datatype) {
        return switch (datatype) {
            case "BOOL", "UINT8", "INT8" -> 1;
            case "UINT16", "INT16", "FP16", "BF16" -> 2;
            case "UINT32", "INT32", "FP32" -> 4;
            case "UINT64", "INT64", "FP64" -> 8;
            case "BYTES" -> -1;
            default -> throw RadgateException.badInput("unknown datatype '" + datatype + "'");
        };
    }

    /** {@link #elementSize(String)}, naming the input in the error. */
    static int elementSize(String input, String datatype) {
        try {
            return elementSize(datatype);
        } catch (RadgateException e) {
            throw RadgateException.badInput("input '" + input + "': " + e.getMessage());
        }
    }

    static long elementCount(List<Long> shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw RadgateException.badInput("shape " + shape + " has a negative dimension");
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw RadgateException.badInput("shape " + shape + " has too many elements");
            }
        }
        return n;
    }

    /** {@link #elementCount(List)}, naming the input in the error. */
    static long elementCount(String input, List<Long> shape) {
        try {
            return elementCount(shape);
        } catch (RadgateException e) {
            throw RadgateException.badInput("input '" + input + "': " + e.getMessage());
        }
    }

    /** Bytes of a tensor of fixed-size elements, or -1 for BYTES; naming the input in the error. */
    static long byteSize(String input, String datatype, List<Long> shape) {
        int size = elementSize(input, datatype);
        long count = elementCount(input, shape);
        if (size < 0) {
            return -1;
        }
        try {
            return Math.multiplyExact(count, size);
        } catch (ArithmeticException e) {
            throw RadgateException.badInput("input '" + input + "': shape " + shape + " has too many elements");
        }
    }

    /** JSON {@code data} (flat or nested arrays) → raw bytes, checked against the shape. */
    static ByteString fromJson(String input, String datatype, List<Long> shape, JsonNode data) {
        if (datatype.equals("FP16") || datatype.equals("BF16")) {
            throw RadgateException.badInput("input '" + input + "': " + datatype
                    + " data must be sent as binary data (binary_data_size), not JSON");
        }
        elementSize(input, datatype);
        List<JsonNode> flat = new ArrayList<>();
        flatten(data, flat);
        long expected = elementCount(input, shape);
        if (flat.size() != expected) {
            throw RadgateException.badInput("input '" + input + "': shape " + shape + " holds " + expected
                    + " elements but data has " + flat.size());
        }
        if (datatype.equals("BYTES")) {
            return bytesFromJson(input, flat);
        }
        int size = elementSize(datatype);
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(flat.size(), size)).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode n : flat) {
            put(buf, input, datatype, n);
        }
        return ByteString.copyFrom(buf.array());
    }

    private static void flatten(JsonNode node, List<JsonNode> out) {
        if (node.isArray()) {
            for (JsonNode n : node) {
                flatten(n, out);
            }
        } else {
            out.add(node);
        }
    }

    private static ByteString bytesFromJson(String input, List<JsonNode> flat) {
        ByteString.Output out = ByteString.newOutput();
        ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode n : flat) {
            if (!n.isTextual()) {
                throw RadgateException.badInput("input '" + input + "': BYTES elements must be strings");
            }
            byte[] b = n.textValue().getBytes(StandardCharsets.UTF_8);
            len.clear();
            len.putInt(b.length);
            out.write(len.array(), 0, 4);
            out.write(b, 0, b.length);
        }
        return out.toByteString();
    }

    private static void put(ByteBuffer buf, String input, String datatype, JsonNode n) {
        if (datatype.equals("BOOL")) {
            if (!n.isBoolean()) {
                throw wrongType(input, datatype, n);
            }
            buf.put((byte) (n.booleanValue() ? 1 : 0));
            return;
        }
        if (!n.isNumber()) {
            throw wrongType(input, datatype, n);
        }
        switch (datatype) {
            case "FP32" -> buf.putFloat(n.floatValue());
            case "FP64" -> buf.putDouble(n.doubleValue());
            case "UINT64" -> buf.putLong(integral(input, datatype, n, 0, -1).longValue());
            default -> {
                long v = integral(input, datatype, n, minOf(datatype), maxOf(datatype)).longValue();
                switch (elementSize(datatype)) {
                    case 1 -> buf.put((byte) v);
                    case 2 -> buf.putShort((short) v);
                    case 4 -> buf.putInt((int) v);
                    default -> buf.putLong(v);
                }
            }
        }
    }

    private static Number integral(String input, String datatype, JsonNode n, long min, long max) {
        if (!n.isIntegralNumber()) {
            throw wrongType(input, datatype, n);
        }
        if (datatype.equals("UINT64")) {
            java.math.BigInteger b = n.bigIntegerValue();
            if (b.signum() < 0 || b.bitLength() > 64) {
                throw outOfRange(input, datatype, n);
            }
            return b.longValue();
        }
        if (!n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw outOfRange(input, datatype, n);
        }
        return n.longValue();
    }

    private static long minOf(String datatype) {
        return switch (datatype) {
            case "INT8" -> Byte.MIN_VALUE;
            case "INT16" -> Short.MIN_VALUE;
            case "INT32" -> Integer.MIN_VALUE;
            case "INT64" -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    private static long maxOf(String datatype) {
        return switch (datatype) {
            case "INT8" -> Byte.MAX_VALUE;
            case "UINT8" -> 0xFF;
            case "INT16" -> Short.MAX_VALUE;
            case "UINT16" -> 0xFFFF;
            case "INT32" -> Integer.MAX_VALUE;
            case "UINT32" -> 0xFFFF_FFFFL;
            default -> Long.MAX_VALUE;
        };
    }

    private static RadgateException wrongType(String input, String datatype, JsonNode n) {
        return RadgateException.badInput("input '" + input + "': element " + abbreviate(n) + " is not a "
                + datatype + " value");
    }

    private static RadgateException outOfRange(String input, String datatype, JsonNode n) {
        return RadgateException.badInput("input '" + input + "': element " + abbreviate(n) + " is out of range for "
                + datatype);
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Raw little-endian bytes → a JSON array of the tensor's elements (flat, as Triton writes it). */
    static void writeJson(String output, String datatype, ByteString raw, JsonGenerator g) throws IOException {
        ByteBuffer buf = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        g.writeStartArray();
        if (datatype.equals("BYTES")) {
            while (buf.remaining() >= 4) {
                int len = buf.getInt();
                if (len < 0 || len > buf.remaining()) {
                    throw new IllegalStateException("output '" + output + "': malformed BYTES element");
                }
                byte[] b = new byte[len];
                buf.get(b);
                g.writeString(new String(b, StandardCharsets.UTF_8));
            }
            g.writeEndArray();
            return;
        }
        if (datatype.equals("FP16") || datatype.equals("BF16")) {
            throw RadgateException.badInput("output '" + output + "' is " + datatype
                    + ": request it with binary_data=true");
        }
        int size = elementSize(datatype);
        if (buf.remaining() % size != 0) {
            throw new IllegalStateException("output '" + output + "': " + buf.remaining()
                    + " bytes is not a whole number of " + datatype + " elements");
        }
        while (buf.hasRemaining()) {
            switch (datatype) {
                case "BOOL" -> g.writeBoolean(buf.get() != 0);
                case "UINT8" -> g.writeNumber(buf.get() & 0xFF);
                case "INT8" -> g.writeNumber(buf.get());
                case "UINT16" -> g.writeNumber(buf.getShort() & 0xFFFF);
                case "INT16" -> g.writeNumber(buf.getShort());
                case "UINT32" -> g.writeNumber(buf.getInt() & 0xFFFF_FFFFL);
                case "INT32" -> g.writeNumber(buf.getInt());
                case "UINT64" -> g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(buf.getLong())));
                case "INT64" -> g.writeNumber(buf.getLong());
                case "FP32" -> g.writeNumber(buf.getFloat());
                case "FP64" -> g.writeNumber(buf.getDouble());
                default -> throw new IllegalStateException("unhandled datatype " + datatype);
            }
        }
        g.writeEndArray();
    }
}
