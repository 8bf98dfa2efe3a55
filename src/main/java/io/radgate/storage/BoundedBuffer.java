package io.radgate.storage;

import io.radgate.error.RadgateException;
import java.io.ByteArrayOutputStream;
import java.util.function.Supplier;

/**
 * An in-memory sink that holds at most its limit (a server may send more than it was asked
 * for): beyond it, it throws the given exception, or, without one, drops the rest.
 */
final class BoundedBuffer extends ByteArrayOutputStream {
    private final long limit;
    private final Supplier<RadgateException> tooMuch;

    BoundedBuffer(long limit, Supplier<RadgateException> tooMuch) {
        super((int) Math.min(limit, 64 * 1024));
        this.limit = limit;
        this.tooMuch = tooMuch;
    }

    /** Keeps the first {@code limit} bytes and drops the rest. */
    static BoundedBuffer truncating(long limit) {
        return new BoundedBuffer(limit, null);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (count + (long) len > limit) {
            if (tooMuch != null) {
                throw tooMuch.get();
            }
            len = (int) (limit - count);
        }
        super.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
