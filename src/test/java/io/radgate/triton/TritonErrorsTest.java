package io.radgate.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusException;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TritonErrorsTest {

    /** One Triton answer and the kind radgate must make of it. */
    record Example(Status.Code code, String description, ErrorKind expected) {
        Status status() {
            return Status.fromCode(code).withDescription(description);
        }

        @Override
        public String toString() {
            return code + " '" + description + "' -> " + expected;
        }
    }

    /** Messages as Triton 2.51 and its python backend word them. */
    static List<Example> examples() {
        return List.of(
                // quirks: the status code says less (or something else) than the message
                new Example(Status.Code.UNAVAILABLE, "Request for unknown model: 'x' is not found", ErrorKind.NOT_FOUND),
                new Example(Status.Code.UNAVAILABLE,
                        "Request for unknown model: 'threshold_seg' version 7 is not found", ErrorKind.NOT_FOUND),
                new Example(Status.Code.INVALID_ARGUMENT, "Request for unknown model: 'nope' is not found",
                        ErrorKind.NOT_FOUND),
                new Example(Status.Code.UNAVAILABLE, "model 'threshold_seg' has no available versions",
                        ErrorKind.NOT_FOUND),
                new Example(Status.Code.UNAVAILABLE, "Request for model 'threshold_seg' version 3 is not found",
                        ErrorKind.NOT_FOUND),
                new Example(Status.Code.INTERNAL,
                        "[request id: <id_unknown>] unexpected inference input 'FOO' for model 'threshold_seg'",
                        ErrorKind.BAD_INPUT),
                new Example(Status.Code.INTERNAL, "expected 1 inputs but got 2 inputs for model 'x'",
                        ErrorKind.BAD_INPUT),
                new Example(Status.Code.INTERNAL, "unexpected shape for input 'IMAGE' for model 'x'. Expected [1,-1,-1]",
                        ErrorKind.BAD_INPUT),
                new Example(Status.Code.INTERNAL, "IMAGE must be uint8 with shape [1, H, W]", ErrorKind.BAD_INPUT),
                new Example(Status.Code.INTERNAL, "invalid JSON in INPUT_JSON_PARAMS", ErrorKind.BAD_INPUT),
                // plain code mapping
                new Example(Status.Code.UNAVAILABLE, "failed to connect to all addresses", ErrorKind.UNAVAILABLE),
                new Example(Status.Code.UNAVAILABLE, null, ErrorKind.UNAVAILABLE),
                new Example(Status.Code.INVALID_ARGUMENT, "[request id: 1] input byte size mismatch",
                        ErrorKind.BAD_INPUT),
                new Example(Status.Code.OUT_OF_RANGE, "x", ErrorKind.BAD_INPUT),
                new Example(Status.Code.FAILED_PRECONDITION, "x", ErrorKind.BAD_INPUT),
                new Example(Status.Code.ALREADY_EXISTS, "x", ErrorKind.BAD_INPUT),
                new Example(Status.Code.NOT_FOUND, "x", ErrorKind.NOT_FOUND),
                new Example(Status.Code.DEADLINE_EXCEEDED, "deadline exceeded after 2.0s", ErrorKind.DEADLINE),
                new Example(Status.Code.RESOURCE_EXHAUSTED, "gRPC message exceeds maximum size 4194304: 9000000",
                        ErrorKind.TOO_LARGE),
                new Example(Status.Code.UNAUTHENTICATED, "x", ErrorKind.UNAUTHENTICATED),
                new Example(Status.Code.PERMISSION_DENIED, "x", ErrorKind.UNAUTHENTICATED),
                new Example(Status.Code.UNIMPLEMENTED, "Method not found", ErrorKind.NOT_ALLOWED),
                new Example(Status.Code.INTERNAL, "Stub process 'threshold_seg_0_0' is not healthy.",
                        ErrorKind.UNAVAILABLE),
                new Example(Status.Code.INTERNAL, null, ErrorKind.UNAVAILABLE),
                new Example(Status.Code.UNKNOWN, "x", ErrorKind.UNAVAILABLE),
                new Example(Status.Code.CANCELLED, "x", ErrorKind.UNAVAILABLE),
                new Example(Status.Code.ABORTED, "x", ErrorKind.UNAVAILABLE),
                new Example(Status.Code.DATA_LOSS, "x", ErrorKind.UNAVAILABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void statusMapsToTheExpectedKind(Example ex) {
        assertEquals(ex.expected(), TritonErrors.kindOf(ex.status()));
        assertEquals(ex.expected(), TritonErrors.map("infer", ex.status().asRuntimeException()).kind());
    }

    @Test
    void everyQuirkIsProvenBySomeExample() {
        List<String> uncovered = new ArrayList<>();
        for (TritonErrors.Quirk q : TritonErrors.QUIRKS) {
            boolean covered = examples().stream().anyMatch(ex -> ex.code() == q.code()
                    && ex.description() != null
                    && q.message().matcher(ex.description()).find()
                    && ex.expected() == q.kind());
            if (!covered) {
                uncovered.add(q.why());
            }
        }
        assertEquals(List.of(), uncovered, "quirks without an example in examples()");
    }

    @Test
    void quirkNeedsBothTheCodeAndTheMessage() {
        // the unknown-model message under a code the quirks do not list keeps the plain mapping
        assertEquals(ErrorKind.DEADLINE, TritonErrors.kindOf(
                Status.DEADLINE_EXCEEDED.withDescription("Request for unknown model: 'x' is not found")));
        // a validation-like message under UNAVAILABLE stays UNAVAILABLE
        assertEquals(ErrorKind.UNAVAILABLE, TritonErrors.kindOf(
                Status.UNAVAILABLE.withDescription("unexpected shape for input 'IMAGE'")));
    }

    @Test
    void mappedMessageHasTheWhatPrefixAndTritonsDescription() {
        Status s = Status.UNAVAILABLE.withDescription("Request for unknown model: 'x' is not found");
        RadgateException e = TritonErrors.map("infer model 'x'", s.asRuntimeException());
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("infer model 'x'"), e.getMessage());
        assertTrue(e.getMessage().contains("Request for unknown model: 'x' is not found"), e.getMessage());
    }

    @Test
    void statusWithoutDescriptionIsNamedByItsCode() {
        RadgateException e = TritonErrors.map("model config", Status.DEADLINE_EXCEEDED.asRuntimeException());
        assertEquals(ErrorKind.DEADLINE, e.kind());
        assertTrue(e.getMessage().startsWith("model config"), e.getMessage());
        assertTrue(e.getMessage().contains("DEADLINE_EXCEEDED"), e.getMessage());
    }

    @Test
    void checkedStatusExceptionAndWrappedStatusAreFoundInTheCauseChain() {
        StatusException checked = Status.INVALID_ARGUMENT.withDescription("bad").asException();
        assertEquals(ErrorKind.BAD_INPUT, TritonErrors.map("infer", checked).kind());

        Throwable wrapped = new CompletionException(new ExecutionException(
                Status.RESOURCE_EXHAUSTED.withDescription("too big").asRuntimeException()));
        RadgateException e = TritonErrors.map("infer", wrapped);
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("too big"), e.getMessage());
        assertSame(wrapped, e.getCause());
    }

    @Test
    void nonGrpcFailureIsUnavailableAndNamesTheCause() {
        IOException boom = new IOException("connection reset");
        RadgateException e = TritonErrors.map("server ready", boom);
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().startsWith("server ready"), e.getMessage());
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
        assertSame(boom, e.getCause());
    }

    @Test
    void radgateExceptionPassesThroughUnchanged() {
        RadgateException original = RadgateException.badInput("input 'IMAGE': shape mismatch");
        assertSame(original, TritonErrors.map("infer", original));
    }
}
