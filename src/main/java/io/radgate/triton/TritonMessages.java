package io.radgate.triton;

import io.grpc.Status;
import io.radgate.error.ErrorKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Triton's own error messages that radgate knows, each matched as a WHOLE (anchored at both
 * ends) together with its status code, and each recorded with the Triton version it was seen
 * on. A message that only resembles one of these (for example an internal failure that happens
 * to contain "invalid") is not known, and keeps the plain status-code mapping of
 * {@link TritonErrors}.
 *
 * <p>{@link Stage} says where in Triton the message arises; Triton's REST API answers the
 * stages with different content types, which the KServe REST pass-through mirrors.
 */
public final class TritonMessages {

    /** Where Triton produced the error; its REST API frames the stages differently. */
    public enum Stage {
        /** Finding the model and version, before the request is built (REST: text/plain). */
        LOOKUP,
        /** Triton's core checking the request against the model's config (REST: application/json). */
        REQUEST,
        /** The model or its backend, in the response (REST: text/plain). */
        MODEL
    }

    /**
     * One known message: the code Triton sends it with, its whole text as a pattern, what it
     * means for radgate, where it arises, the Triton version it was seen on, and one real example.
     */
    public record Known(Status.Code code, Pattern message, ErrorKind kind, Stage stage, String seenOn,
                        String example) {
        boolean matches(Status status) {
            return status.getCode() == code && status.getDescription() != null
                    && message.matcher(status.getDescription()).matches();
        }
    }

    private static final String NAME = "'.*'";
    private static final String REQUEST_ID = "\\[request id: [^\\]]*\\] ";
    private static final String V251 = "2.51.0";

    /** Seen on the local Triton 2.51.0 (scripts/triton-local.sh), over gRPC and REST alike. */
    static final List<Known> KNOWN = List.of(
            known(Status.Code.NOT_FOUND, "Request for unknown model: " + NAME + " is not found",
                    ErrorKind.NOT_FOUND, Stage.LOOKUP,
                    "Request for unknown model: 'no_such_model' is not found"),
            known(Status.Code.NOT_FOUND, "Request for unknown model: " + NAME + " version \\d+ is not found",
                    ErrorKind.NOT_FOUND, Stage.LOOKUP,
                    "Request for unknown model: 'threshold_seg' version 7 is not found"),
            // A model in the repository but not loaded (unloaded, or failed to load): not the
            // caller's mistake when radgate's configuration names the model, so 503.
            known(Status.Code.NOT_FOUND, "Request for unknown model: " + NAME + " has no available versions",
                    ErrorKind.UNAVAILABLE, Stage.LOOKUP,
                    "Request for unknown model: 'threshold_seg' has no available versions"),
            known(Status.Code.INVALID_ARGUMENT, "failed to get model version from specified version string "
                            + NAME + " \\(details: .*\\), version should be an integral value > 0",
                    ErrorKind.BAD_INPUT, Stage.LOOKUP,
                    "failed to get model version from specified version string 'abc' (details: stol), "
                            + "version should be an integral value > 0"),
            known(Status.Code.INVALID_ARGUMENT, REQUEST_ID + "inference input " + NAME + " data-type is " + NAME
                            + ", but model " + NAME + " expects " + NAME,
                    ErrorKind.BAD_INPUT, Stage.REQUEST,
                    "[request id: <id_unknown>] inference input 'IMAGE' data-type is 'FP32', but model "
                            + "'threshold_seg' expects 'UINT8'"),
            known(Status.Code.INVALID_ARGUMENT, REQUEST_ID + "unexpected shape for input " + NAME + " for model "
                            + NAME + "\\. Expected \\[[-0-9,]*\\], got \\[[-0-9,]*\\]\\. ?",
                    ErrorKind.BAD_INPUT, Stage.REQUEST,
                    "[request id: <id_unknown>] unexpected shape for input 'IMAGE' for model 'threshold_seg'. "
                            + "Expected [1,-1,-1], got [2,2]. "),
            known(Status.Code.INVALID_ARGUMENT, "unexpected inference input " + NAME + " for model " + NAME,
                    ErrorKind.BAD_INPUT, Stage.REQUEST,
                    "unexpected inference input 'NOPE' for model 'threshold_seg'"),
            known(Status.Code.INVALID_ARGUMENT, "unexpected inference output " + NAME + " for model " + NAME,
                    ErrorKind.BAD_INPUT, Stage.REQUEST,
                    "unexpected inference output 'NOPE' for model 'threshold_seg'"),
            known(Status.Code.INVALID_ARGUMENT, REQUEST_ID + "input " + NAME + " already exists in request",
                    ErrorKind.BAD_INPUT, Stage.REQUEST,
                    "[request id: <id_unknown>] input 'IMAGE' already exists in request"),
            known(Status.Code.INVALID_ARGUMENT, REQUEST_ID + "input byte size mismatch for input " + NAME
                            + " for model " + NAME + "\\. Expected \\d+, got \\d+",
                    ErrorKind.BAD_INPUT, Stage.REQUEST,
                    "[request id: <id_unknown>] input byte size mismatch for input 'IMAGE' for model "
                            + "'threshold_seg'. Expected 4, got 3"),
            known(Status.Code.INVALID_ARGUMENT, REQUEST_ID + "expected number of inputs between \\d+ and \\d+ but got "
                            + "\\d+ inputs for model " + NAME + "\\. Got input\\(s\\) \\[.*\\], but missing required "
                            + "input\\(s\\) \\[.*\\]\\. Please provide all required input\\(s\\)\\.",
                    ErrorKind.BAD_INPUT, Stage.REQUEST,
                    "[request id: <id_unknown>] expected number of inputs between 1 and 2 but got 0 inputs for model "
                            + "'threshold_seg'. Got input(s) [], but missing required input(s) ['IMAGE']. Please "
                            + "provide all required input(s)."),
            known(Status.Code.INVALID_ARGUMENT, "unable to find data for input tensor " + NAME + " for model " + NAME
                            + " in request\\.",
                    ErrorKind.BAD_INPUT, Stage.REQUEST,
                    "unable to find data for input tensor 'IMAGE' for model 'threshold_seg' in request."),
            known(Status.Code.INVALID_ARGUMENT, "incomplete string data for inference input " + NAME
                            + ", expecting string of length \\d+ but only \\d+ bytes available",
                    ErrorKind.BAD_INPUT, Stage.REQUEST,
                    "incomplete string data for inference input 'INPUT_JSON_PARAMS', expecting string of length "
                            + "100 but only 1 bytes available"));

    private TritonMessages() {
    }

    private static Known known(Status.Code code, String regex, ErrorKind kind, Stage stage, String example) {
        return new Known(code, Pattern.compile(regex, Pattern.DOTALL), kind, stage, V251, example);
    }

    /** The known message {@code status} is, if any (code and whole message must both match). */
    public static Optional<Known> find(Status status) {
        for (Known k : KNOWN) {
            if (k.matches(status)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
