package io.radgate.error;

/**
 * The one exception type radgate raises on purpose. The message is shown to clients, so it
 * names the problem and never carries pixel data or patient tags.
 */
public class RadgateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public RadgateException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RadgateException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public int httpStatus() {
        return kind.httpStatus();
    }

    public static RadgateException badInput(String message) {
        return new RadgateException(ErrorKind.BAD_INPUT, message);
    }

    public static RadgateException unavailable(String message) {
        return new RadgateException(ErrorKind.UNAVAILABLE, message);
    }
}
