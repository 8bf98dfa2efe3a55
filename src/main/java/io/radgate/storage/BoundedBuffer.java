package io.radgate.storage;

import io.radgate.error.RadgateException;
import java.io.ByteArrayOutputStream;
import java.util.function.Supplier;

/** An in-memory sink that refuses to hold more than its limit (the server may send more than asked). */
final class BoundedBuffer extends ByteArrayOutputStream {
    private final long limit;
    private final Supplier<RadgateException> tooMuch;

    BoundedBuffer(long limit, Supplier<RadgateException> tooMuch) {
        super((int) Math.min(limit, 64 * 1024));
        this.limit = limit;
        this.tooMuch = tooMuch;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (count + (long) len > limit) {
            throw tooMuch.get();
        }
        super.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) {
        if (count + 1L > limit) {
            throw tooMuch.get();
        }
        super.write(b);
    }
}
