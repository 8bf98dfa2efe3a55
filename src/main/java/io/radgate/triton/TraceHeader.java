package io.radgate.triton;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/** Sends the {@link TritonClient#TRACEPARENT} of a call's options as its {@code traceparent} metadata. */
final class TraceHeader implements ClientInterceptor {
    static final Metadata.Key<String> KEY = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String traceparent = options.getOption(TritonClient.TRACEPARENT);
        ClientCall<Q, R> call = next.newCall(method, options);
        if (traceparent == null) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(KEY, traceparent);
                super.start(listener, headers);
            }
        };
    }
}
