package io.radgate.triton;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.radgate.error.ErrorKind;
import io.radgate.error.PublicText;
import io.radgate.error.RadgateException;
import java.util.Optional;

/**
 * The ONE place where a gRPC failure from Triton becomes a radgate error. A message Triton is
 * known to send ({@link TritonMessages}, matched whole) decides first; every other failure
 * takes the plain status-code mapping, in which an unknown INTERNAL is always 503.
 */
public final class TritonErrors {

    private TritonErrors() {
    }

    public static RadgateException map(String what, Throwable t) {
        if (t instanceof RadgateException r) {
            return r;
        }
        Status status = statusOf(t);
        if (status == null) {
            // the cause stays attached for logs; its class name never reaches a client
            return new RadgateException(ErrorKind.UNAVAILABLE, what + " failed"
                    + (t.getMessage() == null ? "" : ": " + PublicText.of(t.getMessage())), t);
        }
        String detail = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        return new RadgateException(kindOf(status), what + ": " + detail, t);
    }

    public static ErrorKind kindOf(Status status) {
        Optional<TritonMessages.Known> known = TritonMessages.find(status);
        if (known.isPresent()) {
            return known.get().kind();
        }
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION, ALREADY_EXISTS -> ErrorKind.BAD_INPUT;
            case NOT_FOUND -> ErrorKind.NOT_FOUND;
            case UNAUTHENTICATED, PERMISSION_DENIED -> ErrorKind.UNAUTHENTICATED;
            case UNIMPLEMENTED -> ErrorKind.NOT_ALLOWED;
            case DEADLINE_EXCEEDED -> ErrorKind.DEADLINE;
            // RESOURCE_EXHAUSTED is never the client's 413 here: Triton does not send it (no
            // Triton error code maps to it), so it is radgate's own channel refusing what Triton
            // answered (a response over triton.max-message-bytes): an upstream failure. A request
            // that is too large is refused by radgate's own limits before it reaches Triton.
            // INTERNAL, UNKNOWN, CANCELLED, ...: a real upstream failure is 503, never a 500 (DECISIONS.md).
            default -> ErrorKind.UNAVAILABLE;
        };
    }

    /** The gRPC status in {@code t}'s cause chain, or null when it holds none. */
    public static Status statusOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StatusRuntimeException s) {
                return s.getStatus();
            }
            if (c instanceof StatusException s) {
                return s.getStatus();
            }
        }
        return null;
    }
}
