package io.radgate.post;

import java.util.Arrays;
import java.util.Objects;

/**
 * A uint8 mask or probability map in original pixel coordinates: {@code depth} slices of
 * {@code height} rows of {@code width} values, x fastest, then y, then slice. Timepoints, when
 * there are several, are further slices in t-major order (slice index = t · depth + z).
 */
public record ByteMask(int width, int height, int depth, byte[] data) {

    public ByteMask {
        Objects.requireNonNull(data, "data");
        if (width <= 0 || height <= 0 || depth <= 0) {
            throw new IllegalArgumentException("mask " + width + "x" + height + "x" + depth + " is empty");
        }
        if ((long) width * height * depth != data.length) {
            throw new IllegalArgumentException("mask " + width + "x" + height + "x" + depth + " needs "
                    + (long) width * height * depth + " bytes, got " + data.length);
        }
    }

    public static ByteMask zeros(int width, int height, int depth) {
        return new ByteMask(width, height, depth, new byte[Math.multiplyExact(Math.multiplyExact(width, height), depth)]);
    }

    public int sliceOffset(int slice) {
        Objects.checkIndex(slice, depth);
        return slice * width * height;
    }

    /** The value at {@code (x, y, slice)}, 0..255. */
    public int get(int x, int y, int slice) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        return data[sliceOffset(slice) + y * width + x] & 0xFF;
    }

    public boolean isEmpty() {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteMask m && m.width == width && m.height == height && m.depth == depth
                && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, depth) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ByteMask[" + width + "x" + height + "x" + depth + "]";
    }
}
