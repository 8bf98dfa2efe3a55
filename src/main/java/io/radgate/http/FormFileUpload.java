package io.radgate.http;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one file field of a {@code multipart/form-data} request to disk, in place of Vert.x's
 * BodyHandler, which waits for ever for a part that never ends (a body cut before its closing
 * boundary was never answered and left its temp file behind) and reports a client that leaves
 * mid-upload as an error. Here:
 * <ul>
 *   <li>the body is counted as it arrives: over {@code maxBytes} is 413 at once;</li>
 *   <li>the closing delimiter {@code --boundary--} is looked for in the raw body: a body that
 *       ends without it is 400 naming the problem, answered as soon as the body ends;</li>
 *   <li>other fields and further files are read and dropped;</li>
 *   <li>the file is deleted when the response ends or the connection closes, whatever
 *       happened, and right away when the upload fails;</li>
 *   <li>a client that goes away mid-upload is logged at INFO, not as an error.</li>
 * </ul>
 * Call it from the first handler that touches the request body (before it is resumed).
 */
public final class FormFileUpload {
    private static final Logger LOG = LoggerFactory.getLogger(FormFileUpload.class);

    /**
     * The received file: the client's file name (for the protocol; log it through ClientNames), where it is, its
     * size, and the part's Content-Type as the client sent it (may be null).
     */
    public record Received(String fileName, Path file, long size, String contentType) {
    }

    private final RoutingContext ctx;
    private final String field;
    private final Path dir;
    private final long maxBytes;
    private final Promise<Received> result = Promise.promise();
    private final CloseDelimiter delimiter;
    private HttpServerFileUpload upload;
    private Future<Void> written;
    private Path file;
    private long received;

    private FormFileUpload(RoutingContext ctx, String field, Path dir, long maxBytes, String boundary) {
        this.ctx = ctx;
        this.field = field;
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.delimiter = new CloseDelimiter(boundary);
    }

    /**
     * Receives field {@code field} of ctx's multipart/form-data request into a new file under
     * {@code dir}. Succeeds with the file, or with null when the form has no such file field;
     * fails with a {@link RadgateException} (400 malformed or cut short, 413 too large).
     */
    public static Future<Received> receive(RoutingContext ctx, String field, Path dir, long maxBytes) {
        String boundary = boundary(ctx.request().getHeader("Content-Type"));
        if (boundary == null) {
            return Future.failedFuture(RadgateException.badInput(
                    "multipart/form-data without a boundary parameter in its Content-Type"));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return Future.failedFuture(new RadgateException(ErrorKind.UNAVAILABLE, "the upload directory is not writable"));
        }
        FormFileUpload u = new FormFileUpload(ctx, field, dir, maxBytes, boundary);
        u.start();
        return u.result.future();
    }

    private void start() {
        HttpServerRequest req = ctx.request();
        ctx.addEndHandler(ar -> deleteFile());
        req.setExpectMultipart(true);
        req.uploadHandler(this::onUpload);
        req.handler(this::onBytes);
        req.exceptionHandler(this::onRequestFailure);
        req.endHandler(v -> onEnd());
        req.resume();
    }

    private void onBytes(Buffer b) {
        if (result.future().isComplete()) {
            return;
        }
        received += b.length();
        if (received > maxBytes) {
            RequestContext.bodyLimit(ctx, maxBytes);
            fail(new RadgateException(ErrorKind.TOO_LARGE, "request body exceeds the limit of " + maxBytes + " bytes"));
            return;
        }
        delimiter.feed(b);
    }

    private void onUpload(HttpServerFileUpload up) {
        up.exceptionHandler(e -> { }); // reported through the request (onRequestFailure) or the write (written)
        if (upload != null || !field.equals(up.name()) || result.future().isComplete()) {
            up.handler(b -> { }); // another field or a second file: read and dropped
            return;
        }
        upload = up;
        file = dir.resolve("upload-" + UUID.randomUUID());
        written = up.streamToFileSystem(file.toString());
    }

    private void onEnd() {
        if (result.future().isComplete()) {
            return;
        }
        if (!delimiter.seen()) {
            fail(RadgateException.badInput("the multipart body ends before its closing boundary (--"
                    + delimiter.boundary + "--); it was cut short after " + received + " bytes"));
            return;
        }
        if (upload == null) {
            result.tryComplete(null);
            return;
        }
        written.onComplete(ar -> {
            if (ar.succeeded()) {
                result.tryComplete(new Received(upload.filename(), file, upload.size(), upload.contentType()));
            } else {
                fail(RadgateException.badInput("the upload could not be read to its end"));
            }
        });
    }

    private void onRequestFailure(Throwable t) {
        if (result.future().isComplete()) {
            return;
        }
        if (t instanceof io.vertx.core.http.HttpClosedException || ctx.response().closed()) {
            // the client closed or reset the connection mid-upload: nothing to answer, nothing wrong here
            RequestContext.log(ctx).log(() -> LOG.info("upload aborted by the client after {} bytes ({})", received,
                    t.getClass().getSimpleName()));
            fail(new ClientGone());
            return;
        }
        // the multipart decoder gave up on the body (garbage where parts belong)
        fail(RadgateException.badInput("the multipart/form-data body cannot be parsed after " + received
                + " bytes: it is not framed by its boundary (--" + delimiter.boundary + ")"));
    }

    private void fail(RuntimeException e) {
        if (!ctx.request().isEnded() && !ctx.response().headWritten()) {
            RequestContext.closeConnectionAfter(ctx.request()); // the rest of the body is not worth reading
        }
        if (result.tryFail(e)) {
            cancelUpload();
            deleteFile();
        }
    }

    private void cancelUpload() {
        if (upload != null) {
            try {
                upload.cancelStreamToFileSystem();
            } catch (IllegalStateException alreadyDone) {
                // written or failed already; the file is deleted below
            }
        }
    }

    private void deleteFile() {
        Path f = file;
        if (f != null) {
            ctx.vertx().fileSystem().delete(f.toString()).onFailure(e -> {
                if (Files.exists(f)) {
                    // still being closed: try once more when the write has settled
                    if (written != null) {
                        written.onComplete(ar -> ctx.vertx().fileSystem().delete(f.toString()));
                    }
                }
            });
        }
    }

    /** The client left; the request ends without an answer. Logged at INFO where it is noticed. */
    public static final class ClientGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClientGone() {
            super("the client closed the connection during the upload", null, false, false);
        }
    }

    /** The {@code boundary} parameter of a multipart Content-Type, unquoted; null when absent or empty. */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() || b.length() > 200 ? null : b;
            }
        }
        return null;
    }

    /**
     * Finds the close delimiter {@code CRLF--boundary--} in a byte stream fed in pieces (the
     * body is treated as if preceded by CRLF, so an empty form's {@code --boundary--} counts).
     * Knuth-Morris-Pratt over the delimiter, so no bytes are kept.
     */
    static final class CloseDelimiter {
        final String boundary;
        private final byte[] pattern;
        private final int[] fail;
        private int matched;
        private boolean seen;

        CloseDelimiter(String boundary) {
            this.boundary = boundary;
            this.pattern = ("\r\n--" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1);
            this.fail = new int[pattern.length];
            for (int i = 1, k = 0; i < pattern.length; i++) {
                while (k > 0 && pattern[i] != pattern[k]) {
                    k = fail[k - 1];
                }
                if (pattern[i] == pattern[k]) {
                    k++;
                }
                fail[i] = k;
            }
            matched = 2; // the virtual CRLF before the body
        }

        void feed(Buffer b) {
            for (int i = 0; i < b.length() && !seen; i++) {
                byte c = b.getByte(i);
                while (matched > 0 && c != pattern[matched]) {
                    matched = fail[matched - 1];
                }
                if (c == pattern[matched]) {
                    matched++;
                }
                if (matched == pattern.length) {
                    seen = true;
                }
            }
        }

        boolean seen() {
            return seen;
        }
    }
}
