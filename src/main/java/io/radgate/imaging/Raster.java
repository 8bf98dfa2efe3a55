package io.radgate.imaging;

import java.util.Objects;

/**
 * One 2D frame of pixel values: {@code height} rows of {@code width} pixels, each of
 * {@code channels} samples, interleaved (RGBRGB...), row-major, top-left first. Samples are
 * stored exactly as decoded (stored values, before any rescale), in the narrowest array that
 * holds them: {@code byte[]} for U8, {@code short[]} for U16 and S16, {@code float[]} for F32.
 */
public final class Raster {
    /** How samples are stored. U16 keeps unsigned values in a {@code short[]} (read with & 0xFFFF). */
    public enum Type { U8, U16, S16, F32 }

    private final int width;
    private final int height;
    private final int channels;
    private final Type type;
    private final Object samples;

    private Raster(int width, int height, int channels, Type type, Object samples, int length) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("raster " + width + "x" + height + "x" + channels + " is empty");
        }
        if ((long) width * height * channels != length) {
            throw new IllegalArgumentException("raster " + width + "x" + height + "x" + channels + " needs "
                    + (long) width * height * channels + " samples, got " + length);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.type = type;
        this.samples = samples;
    }

    public static Raster u8(int width, int height, int channels, byte[] samples) {
        return new Raster(width, height, channels, Type.U8, samples, samples.length);
    }

    public static Raster u16(int width, int height, int channels, short[] samples) {
        return new Raster(width, height, channels, Type.U16, samples, samples.length);
    }

    public static Raster s16(int width, int height, int channels, short[] samples) {
        return new Raster(width, height, channels, Type.S16, samples, samples.length);
    }

    public static Raster f32(int width, int height, int channels, float[] samples) {
        return new Raster(width, height, channels, Type.F32, samples, samples.length);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    public Type type() {
        return type;
    }

    public int sampleCount() {
        return width * height * channels;
    }

    /** Sample {@code i} (index into the interleaved array) as a double, signedness applied. */
    public double sample(int i) {
        return switch (type) {
            case U8 -> ((byte[]) samples)[i] & 0xFF;
            case U16 -> ((short[]) samples)[i] & 0xFFFF;
            case S16 -> ((short[]) samples)[i];
            case F32 -> ((float[]) samples)[i];
        };
    }

    /** Sample of channel {@code c} at column {@code x}, row {@code y}. */
    public double sample(int x, int y, int c) {
        return sample((y * width + x) * channels + c);
    }

    /** The backing array (not copied): byte[] for U8, short[] for U16/S16, float[] for F32. */
    public byte[] u8Samples() {
        return (byte[]) expect(Type.U8);
    }

    public short[] shortSamples() {
        if (type != Type.U16 && type != Type.S16) {
            throw new IllegalStateException("raster is " + type + ", not U16/S16");
        }
        return (short[]) samples;
    }

    public float[] f32Samples() {
        return (float[]) expect(Type.F32);
    }

    private Object expect(Type t) {
        if (type != t) {
            throw new IllegalStateException("raster is " + type + ", not " + t);
        }
        return samples;
    }

    @Override
    public String toString() {
        return "Raster[" + width + "x" + height + "x" + channels + " " + type + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Raster r) || r.width != width || r.height != height || r.channels != channels
                || r.type != type) {
            return false;
        }
        return switch (type) {
            case U8 -> java.util.Arrays.equals((byte[]) samples, (byte[]) r.samples);
            case U16, S16 -> java.util.Arrays.equals((short[]) samples, (short[]) r.samples);
            case F32 -> java.util.Arrays.equals((float[]) samples, (float[]) r.samples);
        };
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, channels, type);
    }
}
