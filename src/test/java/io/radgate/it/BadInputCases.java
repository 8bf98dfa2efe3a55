package io.radgate.it;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.radgate.protocol.kserve.RawBytesMarshaller;
import io.radgate.testing.RawHttp;
import io.radgate.triton.proto.ModelInferRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The bad-input suite's cases, all derived from one seed: for each HTTP route a valid request
 * (the base) cut short, bit-flipped, replaced by garbage, sent with wrong content types and
 * broken headers (lengths that lie, broken chunking, a header line without a colon, an
 * oversized header), plus the route's own malformed cases; for KServe gRPC the same over
 * protobuf bytes. Every case is sent with a client deadline.
 */
final class BadInputCases {
    /** What a case must get: a 4xx, or (bit flips, which may leave a request valid) anything but a 5xx. */
    enum Expect { CLIENT_ERROR, NOT_SERVER_ERROR }

    /** One request of the suite. {@code knownBug}, when set, says why a failure is expected and not yet fixed. */
    record Case(String route, String name, Expect expect, Callable<Outcome> send, String knownBug) {
    }

    /** What came back. {@code status}: the HTTP status, or "grpc:" + the gRPC code. */
    record Outcome(String status, boolean clientError, boolean serverError, boolean hang, boolean dropped, long millis,
                   String detail) {
    }

    /** One HTTP route and its valid base request. */
    record Route(String name, int port, String path, String contentType, byte[] body, List<String> headers,
                 boolean needsContentType) {
    }

    static final Duration DEADLINE = Duration.ofSeconds(25);
    private static final Set<Status.Code> GRPC_CLIENT_ERRORS = Set.of(Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND, Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE,
            Status.Code.UNIMPLEMENTED, Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ALREADY_EXISTS);
    private static final List<String> WRONG_TYPES = List.of("text/plain", "application/octet-stream",
            "application/x-www-form-urlencoded", "image/png", "multipart/form-data", "multipart/related",
            "application/json; charset=utf-16");

    private BadInputCases() {
    }

    /** The generic cases of one HTTP route, then {@code specific} (name, content type, body) triples. */
    static List<Case> http(Route rt, Random r, List<Object[]> specific) {
        List<Case> cases = new ArrayList<>();
        byte[] base = rt.body();
        for (int i = 0; i < 6; i++) {
            int cut = i == 0 ? 0 : 1 + r.nextInt(Math.max(1, base.length - 1));
            cases.add(send(rt, "truncated at " + cut + "/" + base.length, Expect.CLIENT_ERROR,
                    request(rt, rt.contentType(), Arrays.copyOf(base, cut))));
        }
        for (int i = 0; i < 6; i++) {
            byte[] flipped = base.clone();
            int bits = 1 + r.nextInt(8);
            for (int b = 0; b < bits; b++) {
                int at = r.nextInt(flipped.length);
                flipped[at] ^= (byte) (1 << r.nextInt(8));
            }
            cases.add(send(rt, bits + " bit(s) flipped", Expect.NOT_SERVER_ERROR,
                    request(rt, rt.contentType(), flipped)));
        }
        for (int i = 0; i < 3; i++) {
            byte[] garbage = new byte[1 + r.nextInt(4096)];
            r.nextBytes(garbage);
            cases.add(send(rt, garbage.length + " garbage bytes", Expect.CLIENT_ERROR,
                    request(rt, rt.contentType(), garbage)));
        }
        for (int i = 0; i < 3; i++) {
            String type = WRONG_TYPES.get(r.nextInt(WRONG_TYPES.size()));
            cases.add(send(rt, "content type " + type, rt.needsContentType() ? Expect.CLIENT_ERROR
                    : Expect.NOT_SERVER_ERROR, request(rt, type, base)));
        }
        cases.add(send(rt, "no content type", rt.needsContentType() ? Expect.CLIENT_ERROR : Expect.NOT_SERVER_ERROR,
                request(rt, null, base)));
        int lie = 1 + r.nextInt(5000);
        cases.add(send(rt, "Content-Length " + lie + " more than sent", Expect.CLIENT_ERROR,
                head(rt, rt.contentType(), "Content-Length: " + (base.length + lie), base)));
        cases.add(send(rt, "Content-Length not a number", Expect.CLIENT_ERROR,
                head(rt, rt.contentType(), "Content-Length: 12ab", base)));
        cases.add(send(rt, "Content-Length negative", Expect.CLIENT_ERROR,
                head(rt, rt.contentType(), "Content-Length: -7", base)));
        cases.add(send(rt, "invalid chunk-size line", Expect.CLIENT_ERROR, head(rt, rt.contentType(),
                "Transfer-Encoding: chunked", ("zz" + Integer.toHexString(r.nextInt(999)) + "\r\nabc\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1))));
        int declared = Math.min(base.length, 64) + 1 + r.nextInt(1000);
        cases.add(send(rt, "chunk declared " + declared + " bytes, fewer sent", Expect.CLIENT_ERROR,
                head(rt, rt.contentType(), "Transfer-Encoding: chunked", concat((Integer.toHexString(declared)
                        + "\r\n").getBytes(StandardCharsets.ISO_8859_1), Arrays.copyOf(base, Math.min(base.length, 64))))));
        cases.add(send(rt, "header line without a colon", Expect.CLIENT_ERROR,
                head(rt, rt.contentType(), "Content-Length: " + base.length + "\r\nthis line has no colon", base)));
        cases.add(send(rt, "header of 20000 bytes", Expect.CLIENT_ERROR,
                head(rt, rt.contentType(), "Content-Length: " + base.length + "\r\nX-Big: " + "b".repeat(20000), base)));
        for (Object[] s : specific) {
            cases.add(send(rt, (String) s[0], Expect.CLIENT_ERROR, request(rt, (String) s[1], (byte[]) s[2])));
        }
        return cases;
    }

    /** A well-framed request with this content type and body. */
    static byte[] request(Route rt, String contentType, byte[] body) {
        return head(rt, contentType, "Content-Length: " + body.length, body);
    }

    /** The request line, Host, the route's headers, the content type, {@code framing} header lines, then the body bytes as given. */
    static byte[] head(Route rt, String contentType, String framing, byte[] body) {
        StringBuilder h = new StringBuilder("POST " + rt.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        rt.headers().forEach(x -> h.append(x).append("\r\n"));
        if (contentType != null) {
            h.append("Content-Type: ").append(contentType).append("\r\n");
        }
        h.append(framing).append("\r\n\r\n");
        return concat(h.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    static Case send(Route rt, String name, Expect expect, byte[] raw) {
        return new Case(rt.name(), name, expect, () -> {
            try (RawHttp c = new RawHttp(rt.port())) {
                c.send(raw);
                RawHttp.Answer a = c.read(DEADLINE);
                int s = a.status();
                return new Outcome(String.valueOf(s), s >= 400 && s < 500, s >= 500, a.timedOut(), s == 0 && !a.timedOut(),
                        a.millis(), a.text().length() > 160 ? a.text().substring(0, 160) : a.text());
            }
        }, null);
    }

    static Case knownBug(Case c, String why) {
        return new Case(c.route(), c.name(), c.expect(), c.send(), why);
    }

    // ---- KServe gRPC ----

    private static MethodDescriptor<byte[], byte[]> method(String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("inference.GRPCInferenceService/" + name)
                .setRequestMarshaller(RawBytesMarshaller.INSTANCE).setResponseMarshaller(RawBytesMarshaller.INSTANCE).build();
    }

    static List<Case> grpc(ManagedChannel channel, Random r) {
        ModelInferRequest valid = inferRequest("threshold_seg", "UINT8", List.of(1L, 4L, 4L), 16);
        byte[] base = valid.toByteArray();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int cut = 1 + r.nextInt(base.length - 1);
            cases.add(grpc(channel, "ModelInfer", "protobuf truncated at " + cut + "/" + base.length,
                    Expect.CLIENT_ERROR, Arrays.copyOf(base, cut)));
        }
        for (int i = 0; i < 5; i++) {
            byte[] flipped = base.clone();
            int bits = 1 + r.nextInt(6);
            for (int b = 0; b < bits; b++) {
                flipped[r.nextInt(flipped.length)] ^= (byte) (1 << r.nextInt(8));
            }
            cases.add(grpc(channel, "ModelInfer", bits + " bit(s) flipped", Expect.NOT_SERVER_ERROR, flipped));
        }
        for (int i = 0; i < 3; i++) {
            byte[] garbage = new byte[1 + r.nextInt(2048)];
            r.nextBytes(garbage);
            cases.add(grpc(channel, "ModelInfer", garbage.length + " garbage bytes", Expect.CLIENT_ERROR, garbage));
        }
        cases.add(grpc(channel, "ModelInfer", "unknown model", Expect.CLIENT_ERROR,
                inferRequest("no_such_model_" + r.nextInt(1000), "UINT8", List.of(1L, 4L, 4L), 16).toByteArray()));
        cases.add(grpc(channel, "ModelInfer", "raw contents shorter than the shape", Expect.CLIENT_ERROR,
                inferRequest("threshold_seg", "UINT8", List.of(1L, 4L, 4L), 5).toByteArray()));
        cases.add(grpc(channel, "ModelInfer", "datatype FP64 for a UINT8 input", Expect.CLIENT_ERROR,
                inferRequest("threshold_seg", "FP64", List.of(1L, 4L, 4L), 128).toByteArray()));
        cases.add(grpc(channel, "ModelInfer", "unknown datatype", Expect.CLIENT_ERROR,
                inferRequest("threshold_seg", "NOPE", List.of(1L, 4L, 4L), 16).toByteArray()));
        cases.add(grpc(channel, "ModelInfer", "negative dimension", Expect.CLIENT_ERROR,
                inferRequest("threshold_seg", "UINT8", List.of(1L, -4L, 4L), 16).toByteArray()));
        cases.add(grpc(channel, "ModelInfer", "shape claiming 2^40 elements over 16 bytes", Expect.CLIENT_ERROR,
                inferRequest("threshold_seg", "UINT8", List.of(1L, 1L << 20, 1L << 20), 16).toByteArray()));
        cases.add(grpc(channel, "ModelInfer", "wrong input name", Expect.CLIENT_ERROR,
                valid.toBuilder().setInputs(0, valid.getInputs(0).toBuilder().setName("NOT_IMAGE")).build()
                        .toByteArray()));
        cases.add(grpc(channel, "ModelInfer", "empty request", Expect.CLIENT_ERROR, new byte[0]));
        cases.add(grpc(channel, "ModelMetadata", "unknown model", Expect.CLIENT_ERROR,
                new byte[] {0x0A, 0x03, 'z', 'z', 'z'}));
        cases.add(grpc(channel, "ModelConfig", "unknown model", Expect.CLIENT_ERROR,
                new byte[] {0x0A, 0x03, 'z', 'z', 'z'}));
        cases.add(grpc(channel, "ModelMetadata", "model name field forged to 1 GiB", Expect.CLIENT_ERROR,
                new byte[] {0x0A, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04, 'z'}));
        return cases;
    }

    private static ModelInferRequest inferRequest(String model, String datatype, List<Long> shape, int rawBytes) {
        byte[] raw = new byte[rawBytes];
        new Random(rawBytes).nextBytes(raw);
        return ModelInferRequest.newBuilder().setModelName(model)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("IMAGE").setDatatype(datatype)
                        .addAllShape(shape))
                .addRawInputContents(ByteString.copyFrom(raw)).build();
    }

    private static Case grpc(ManagedChannel channel, String method, String name, Expect expect, byte[] message) {
        return new Case("kserve-grpc " + method, name, expect, () -> {
            long start = System.nanoTime();
            Status.Code code;
            String detail;
            try {
                ClientCalls.blockingUnaryCall(channel, method(method),
                        CallOptions.DEFAULT.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS), message);
                code = Status.Code.OK;
                detail = "";
            } catch (StatusRuntimeException e) {
                code = e.getStatus().getCode();
                detail = String.valueOf(e.getStatus().getDescription());
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            boolean hang = code == Status.Code.DEADLINE_EXCEEDED;
            boolean server = !hang && code != Status.Code.OK && !GRPC_CLIENT_ERRORS.contains(code);
            return new Outcome("grpc:" + code, GRPC_CLIENT_ERRORS.contains(code), server, hang, false, ms,
                    detail.length() > 160 ? detail.substring(0, 160) : detail);
        }, null);
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
