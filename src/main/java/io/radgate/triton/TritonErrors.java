package io.radgate.triton;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.radgate.error.ErrorKind;
import io.radgate.error.PublicText;
import io.radgate.error.RadgateException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ONE place where a gRPC failure from Triton becomes a radgate error. First the table of
 * Triton quirks (a status code that says less, or something else, than the message), then the
 * plain status-code mapping.
 */
public final class TritonErrors {

    /** A Triton answer whose status code is not what the situation calls for. */
    record Quirk(Status.Code code, Pattern message, ErrorKind kind, String why) {
    }

    /** Observed on Triton 2.51 (tests in TritonErrorsTest and the integration suite). */
    static final List<Quirk> QUIRKS = List.of(
            new Quirk(Status.Code.UNAVAILABLE, Pattern.compile("unknown model", Pattern.CASE_INSENSITIVE),
                    ErrorKind.NOT_FOUND,
                    "Triton answers UNAVAILABLE 'Request for unknown model' for a model it does not have"),
            new Quirk(Status.Code.INVALID_ARGUMENT, Pattern.compile("unknown model", Pattern.CASE_INSENSITIVE),
                    ErrorKind.NOT_FOUND,
                    "ModelReady / ModelConfig name an unknown model with INVALID_ARGUMENT"),
            new Quirk(Status.Code.UNAVAILABLE, Pattern.compile("has no available versions|is not found",
                    Pattern.CASE_INSENSITIVE), ErrorKind.NOT_FOUND,
                    "an unknown version of a known model is UNAVAILABLE"),
            new Quirk(Status.Code.INTERNAL, Pattern.compile("unexpected (inference )?(input|output)|"
                            + "unexpected shape|expected \\d+ inputs|unexpected datatype|expecting|"
                            + "does not match|must be|invalid", Pattern.CASE_INSENSITIVE),
                    ErrorKind.BAD_INPUT,
                    "the python backend reports a model's input validation error as INTERNAL"));

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
        String msg = status.getDescription() == null ? "" : status.getDescription();
        for (Quirk q : QUIRKS) {
            if (q.code() == status.getCode() && q.message().matcher(msg).find()) {
                return q.kind();
            }
        }
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION, ALREADY_EXISTS -> ErrorKind.BAD_INPUT;
            case NOT_FOUND -> ErrorKind.NOT_FOUND;
            case RESOURCE_EXHAUSTED -> ErrorKind.TOO_LARGE;
            case UNAUTHENTICATED, PERMISSION_DENIED -> ErrorKind.UNAUTHENTICATED;
            case UNIMPLEMENTED -> ErrorKind.NOT_ALLOWED;
            case DEADLINE_EXCEEDED -> ErrorKind.DEADLINE;
            // A real upstream failure is 503, never a 500 with a trace (DECISIONS.md).
            default -> ErrorKind.UNAVAILABLE;
        };
    }

    private static Status statusOf(Throwable t) {
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
