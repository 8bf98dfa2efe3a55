package io.radgate.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusException;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.IOException;
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

    /** Messages as Triton 2.51.0 words them (each seen on the local Triton), and the plain code mapping. */
    static List<Example> examples() {
        return List.of(
                // known messages (TritonMessages), matched whole
                new Example(Status.Code.NOT_FOUND, "Request for unknown model: 'x' is not found", ErrorKind.NOT_FOUND),
                new Example(Status.Code.NOT_FOUND,
                        "Request for unknown model: 'threshold_seg' version 7 is not found", ErrorKind.NOT_FOUND),
                new Example(Status.Code.NOT_FOUND,
                        "Request for unknown model: 'threshold_seg' has no available versions", ErrorKind.UNAVAILABLE),
                new Example(Status.Code.INVALID_ARGUMENT,
                        "unexpected inference input 'FOO' for model 'threshold_seg'", ErrorKind.BAD_INPUT),
                // plain code mapping
                new Example(Status.Code.UNAVAILABLE, "failed to connect to all addresses", ErrorKind.UNAVAILABLE),
                new Example(Status.Code.UNAVAILABLE, null, ErrorKind.UNAVAILABLE),
                new Example(Status.Code.INVALID_ARGUMENT, "threshold_seg: missing input IMAGE", ErrorKind.BAD_INPUT),
                new Example(Status.Code.OUT_OF_RANGE, "x", ErrorKind.BAD_INPUT),
                new Example(Status.Code.FAILED_PRECONDITION, "x", ErrorKind.BAD_INPUT),
                new Example(Status.Code.ALREADY_EXISTS, "x", ErrorKind.BAD_INPUT),
                new Example(Status.Code.NOT_FOUND, "x", ErrorKind.NOT_FOUND),
                new Example(Status.Code.DEADLINE_EXCEEDED, "deadline exceeded after 2.0s", ErrorKind.DEADLINE),
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

    /**
     * Failures that only LOOK like a client's mistake: the old unanchored quirk ("must be",
     * "invalid", "expecting", "does not match" anywhere in an INTERNAL message) made each of
     * these a 400. They are upstream or internal failures: 503.
     */
    static List<Example> misfires() {
        return List.of(
                new Example(Status.Code.INTERNAL, "CUDA error: invalid device ordinal", ErrorKind.UNAVAILABLE),
                new Example(Status.Code.INTERNAL, "CUDA error: an illegal memory access was encountered; "
                        + "invalid resource handle", ErrorKind.UNAVAILABLE),
                new Example(Status.Code.INTERNAL, "Failed to process the request(s) for model instance "
                        + "'threshold_seg_0_0', message: ValueError: buffer size must be a multiple of element size",
                        ErrorKind.UNAVAILABLE),
                new Example(Status.Code.INTERNAL, "Stub process is not healthy: expecting a response, got none",
                        ErrorKind.UNAVAILABLE),
                new Example(Status.Code.INTERNAL, "model config does not match the loaded version",
                        ErrorKind.UNAVAILABLE),
                new Example(Status.Code.INTERNAL, "http2 exception", ErrorKind.UNAVAILABLE),
                // a known message's words under another code, or with more around it, is not that message
                new Example(Status.Code.INTERNAL, "unexpected inference input 'FOO' for model 'threshold_seg'",
                        ErrorKind.UNAVAILABLE),
                new Example(Status.Code.UNAVAILABLE, "Request for unknown model: 'x' is not found",
                        ErrorKind.UNAVAILABLE),
                new Example(Status.Code.NOT_FOUND, "Request for unknown model: 'x' has no available versions; "
                        + "and more", ErrorKind.NOT_FOUND),
                // RESOURCE_EXHAUSTED is radgate's channel refusing Triton's ANSWER: not the client's 413
                new Example(Status.Code.RESOURCE_EXHAUSTED, "gRPC message exceeds maximum size 268435456: 300000000",
                        ErrorKind.UNAVAILABLE),
                new Example(Status.Code.RESOURCE_EXHAUSTED, "Header size exceeded max allowed size (1048576)",
                        ErrorKind.UNAVAILABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misfires")
    void lookalikesOfClientErrorsStayUpstreamFailures(Example ex) {
        assertEquals(ex.expected(), TritonErrors.kindOf(ex.status()));
        assertEquals(ex.expected(), TritonErrors.map("infer", ex.status().asRuntimeException()).kind());
    }

    /** Every row of the table: its own recorded example is matched, by that row, to its kind. */
    @Test
    void everyKnownMessageMatchesItsOwnExampleWithItsCode() {
        for (TritonMessages.Known k : TritonMessages.KNOWN) {
            Status s = Status.fromCode(k.code()).withDescription(k.example());
            assertEquals(k, TritonMessages.find(s).orElse(null), k.example());
            assertEquals(k.kind(), TritonErrors.kindOf(s), k.example());
            assertEquals("2.51.0", k.seenOn());
        }
    }

    /** Anchored at both ends: a known message with text before or after it, or another code, is not known. */
    @Test
    void knownMessagesAreMatchedWholeAndWithTheirCode() {
        for (TritonMessages.Known k : TritonMessages.KNOWN) {
            assertTrue(TritonMessages.find(Status.fromCode(k.code()).withDescription("CUDA error: " + k.example()))
                    .isEmpty(), "prefix: " + k.example());
            assertTrue(TritonMessages.find(Status.fromCode(k.code()).withDescription(k.example() + "; CUDA error"))
                    .filter(found -> found == k).isEmpty(), "suffix: " + k.example());
            assertTrue(TritonMessages.find(Status.INTERNAL.withDescription(k.example())).isEmpty(),
                    "INTERNAL: " + k.example());
        }
    }

    @Test
    void noKnownMessageTurnsAnInternalFailureIntoAClientError() {
        for (TritonMessages.Known k : TritonMessages.KNOWN) {
            assertTrue(k.code() != Status.Code.INTERNAL || k.kind() == ErrorKind.UNAVAILABLE, k.example());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void statusMapsToTheExpectedKind(Example ex) {
        assertEquals(ex.expected(), TritonErrors.kindOf(ex.status()));
        assertEquals(ex.expected(), TritonErrors.map("infer", ex.status().asRuntimeException()).kind());
    }

    @Test
    void mappedMessageHasTheWhatPrefixAndTritonsDescription() {
        Status s = Status.NOT_FOUND.withDescription("Request for unknown model: 'x' is not found");
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
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
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
