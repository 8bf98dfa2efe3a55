package io.radgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client library will send: broken chunk
 * framing, bodies shorter than declared, headers that never end, one byte at a time.
 */
public final class RawHttp implements AutoCloseable {
    /** What came back: the status (0 when the connection closed or the deadline passed without one). */
    public record Answer(int status, String head, byte[] body, boolean closed, boolean timedOut, long millis) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + (timedOut ? " (deadline passed)" : closed ? " (closed)" : "") + " in " + millis + " ms";
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends bytes; false when the server has already closed the connection. */
    public boolean send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public boolean send(String ascii) {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends {@code bytes} one at a time, {@code interval} apart, until all are sent, the
     * server closes, or {@code until} passes; then reads the answer until {@code deadline}.
     */
    public Answer trickle(byte[] bytes, Duration interval, Duration deadline) throws IOException {
        long start = System.nanoTime();
        for (byte b : bytes) {
            if (!send(new byte[] {b}) || peekClosedOrAnswered()) {
                break;
            }
            sleep(interval);
            if (elapsed(start) > deadline.toMillis()) {
                break;
            }
        }
        return read(deadline, start);
    }

    /** Reads a whole answer (head, and a body by Content-Length or until close) within {@code deadline}. */
    public Answer read(Duration deadline) throws IOException {
        return read(deadline, System.nanoTime());
    }

    private Answer read(Duration deadline, long start) throws IOException {
        long end = start + deadline.toNanos();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        boolean closed = false;
        boolean timedOut = false;
        int headEnd = -1;
        long contentLength = -1;
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                timedOut = true;
                break;
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(left, Integer.MAX_VALUE)));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                closed = true; // reset by peer
                break;
            }
            if (n < 0) {
                closed = true;
                break;
            }
            got.write(buf, 0, n);
            byte[] all = got.toByteArray();
            if (headEnd < 0) {
                headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (headEnd >= 0) {
                    contentLength = contentLength(new String(all, 0, headEnd, StandardCharsets.ISO_8859_1));
                }
            }
            if (headEnd >= 0 && contentLength >= 0 && all.length >= headEnd + 4 + contentLength) {
                break;
            }
        }
        byte[] all = got.toByteArray();
        int status = 0;
        String head = "";
        byte[] body = new byte[0];
        if (headEnd >= 0 && all.length >= 12 && startsWith(all, "HTTP/1.")) {
            head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
            status = Integer.parseInt(head.substring(9, 12));
            body = java.util.Arrays.copyOfRange(all, headEnd + 4, all.length);
        }
        return new Answer(status, head, body, closed, timedOut && status == 0, elapsed(start));
    }

    /** Whether the server has answered or closed already (without blocking). */
    private boolean peekClosedOrAnswered() throws IOException {
        return in.available() > 0;
    }

    /** Waits up to {@code deadline} for the server to close the connection; true when it did. */
    public boolean closedWithin(Duration deadline) throws IOException {
        Answer a = read(deadline);
        return a.closed();
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] a, String prefix) {
        return indexOf(a, prefix.getBytes(StandardCharsets.ISO_8859_1)) == 0;
    }

    static int indexOf(byte[] a, byte[] b) {
        outer:
        for (int i = 0; i + b.length <= a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
