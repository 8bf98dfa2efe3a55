package io.radgate.imaging;

import ch.qos.logback.classic.Level;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;

/**
 * Keeps PixelMed from printing anything: its logger ({@code com.pixelmed}, through its own
 * slf4j shim) is switched off, and the few places where it writes straight to System.err (for
 * example "Illegal duplicate tag in dataset" followed by the attribute, VALUE INCLUDED: a
 * patient name could leak) are silenced by running every PixelMed call through
 * {@link #call(Callable)}, which mutes System.out and System.err FOR THE CALLING THREAD ONLY.
 *
 * <p>Muting works by wrapping System.out/err once in a stream that drops writes from muted
 * threads; other threads print as before. If something later replaces System.out/err, the next
 * call wraps the new stream.
 */
final class DicomQuiet {
    private static final ThreadLocal<Boolean> MUTED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    static {
        if (LoggerFactory.getLogger("com.pixelmed") instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.OFF);
        }
    }

    private DicomQuiet() {
    }

    /** Runs {@code body} with System.out and System.err muted for this thread. */
    static <T> T call(Callable<T> body) throws Exception {
        ensureWrapped();
        boolean before = MUTED.get();
        MUTED.set(Boolean.TRUE);
        try {
            return body.call();
        } finally {
            MUTED.set(before);
        }
    }

    private static synchronized void ensureWrapped() {
        if (!(System.out instanceof MutablePrintStream)) {
            System.setOut(new MutablePrintStream(System.out));
        }
        if (!(System.err instanceof MutablePrintStream)) {
            System.setErr(new MutablePrintStream(System.err));
        }
    }

    /** Passes writes through to the wrapped stream unless the writing thread is muted. */
    private static final class MutablePrintStream extends PrintStream {
        MutablePrintStream(PrintStream target) {
            super(new OutputStream() {
                @Override
                public void write(int b) {
                    if (!MUTED.get()) {
                        target.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (!MUTED.get()) {
                        target.write(b, off, len);
                    }
                }

                @Override
                public void flush() {
                    target.flush();
                }
            }, true);
        }
    }
}
