package io.radgate.http;

import io.vertx.core.buffer.Buffer;
import java.io.InputStream;

/** Reads a request body {@link Buffer} without copying it into one more array first. */
public final class BufferInputStream extends InputStream {
    private final Buffer buffer;
    private int pos;

    public BufferInputStream(Buffer buffer) {
        this.buffer = buffer == null ? Buffer.buffer() : buffer;
    }

    @Override
    public int read() {
        return pos < buffer.length() ? buffer.getByte(pos++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int left = buffer.length() - pos;
        if (len == 0) {
            return 0;
        }
        if (left <= 0) {
            return -1;
        }
        int n = Math.min(len, left);
        buffer.getBytes(pos, pos + n, b, off);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return buffer.length() - pos;
    }
}
