package io.radgate.core;

import com.google.protobuf.ByteString;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.triton.proto.ModelInferResponse;

/** Reading named outputs of a Triton response; a missing output is the model's fault (503). */
final class InferOutputs {
    private InferOutputs() {
    }

    static ByteString output(ModelInferResponse r, String name, ModelRoute route) {
        for (int i = 0; i < r.getOutputsCount(); i++) {
            if (r.getOutputs(i).getName().equals(name)) {
                return r.getRawOutputContents(i);
            }
        }
        throw new RadgateException(ErrorKind.UNAVAILABLE, "model " + route.spec() + " returned no output " + name);
    }
}
