package io.radgate.protocol.kserve;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.grpc.MethodDescriptor;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a client's request bytes are a valid protobuf message of the method's request type,
 * checked before they are forwarded. Triton answers a message it cannot parse with INTERNAL
 * ("Unable to parse request"), a server error for what is the client's mistake; radgate answers
 * INVALID_ARGUMENT instead. Parsing aliases the request bytes (tensors are not copied).
 */
final class GrpcRequestCheck {
    private static final Map<String, Parser<? extends MessageLite>> PARSERS = parsers();

    private GrpcRequestCheck() {
    }

    private static Map<String, Parser<? extends MessageLite>> parsers() {
        Map<String, Parser<? extends MessageLite>> out = new HashMap<>();
        for (var m : GRPCInferenceServiceGrpc.getServiceDescriptor().getMethods()) {
            if (m.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p
                    && p.getMessagePrototype() instanceof MessageLite proto) {
                out.put(m.getBareMethodName(), proto.getParserForType());
            }
        }
        return Map.copyOf(out);
    }

    /** Null when {@code request} parses as {@code method}'s request message (or the method is unknown here), else why not. */
    static String problem(String method, byte[] request) {
        Parser<? extends MessageLite> parser = PARSERS.get(method);
        if (parser == null) {
            return null;
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(request);
            in.enableAliasing(true);
            parser.parseFrom(in);
            return null;
        } catch (InvalidProtocolBufferException e) {
            String why = e.getMessage() == null ? "" : e.getMessage();
            return "the request is not a valid " + method + " message: "
                    + (why.length() > 200 ? why.substring(0, 200) : why);
        }
    }
}
