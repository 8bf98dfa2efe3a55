package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.radgate.pixels.TransformedRaster;
import io.radgate.post.ByteMask;
import io.radgate.post.MaskBackMapper;
import io.radgate.testing.TritonProcess;
import io.radgate.triton.TritonClient;
import io.radgate.triton.TritonClientOptions;
import io.radgate.triton.proto.ModelInferRequest;
import io.radgate.triton.proto.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The imaging core with the REAL Triton in the middle: golden DICOM → preprocess to 1024 →
 * threshold_seg on Triton → mask mapped back to the original pixels. threshold_seg smooths
 * with a 3×3 mean in model space, so the answer may differ from the truth only on the
 * structure's 1-pixel boundary band; everywhere else it must be exact.
 */
class DicomThroughTritonGeometryIT {
    @Test
    void tritonMaskMapsBackOntoThePhantom() {
        TritonProcess triton = TritonProcess.shared();
        DicomReader reader = new DicomReader(ImagingLimits.defaults());
        try (TritonClient client = new TritonClient(TritonClientOptions.defaults(triton.grpcTarget()))) {
            for (DicomToModelGeometry.Case c : DicomToModelGeometry.CASES) {
                Instance in = reader.read(DicomGoldenData.bytes(c.geometry() + "__jpeg_lossless_70.dcm"));
                TransformedRaster model = DicomToModelGeometry.modelInput(in, c);
                ModelInferResponse r = client.infer(request(model.raster().u8Samples())).join();
                byte[] prob = r.getRawOutputContents(0).toByteArray();
                byte[] modelMask = new byte[prob.length];
                for (int i = 0; i < prob.length; i++) {
                    modelMask[i] = (byte) ((prob[i] & 0xFF) >= 128 ? 1 : 0);
                }
                ByteMask back = MaskBackMapper.labels(modelMask, 1, model.transform());
                byte[] truth = DicomToModelGeometry.truth(in, c);
                int w = in.format().columns();
                int h = in.format().rows();
                boolean[] band = DicomToModelGeometry.boundary(truth, w, h);
                int wrong = 0;
                int bandSize = 0;
                for (int i = 0; i < truth.length; i++) {
                    bandSize += band[i] ? 1 : 0;
                    if (truth[i] != back.data()[i]) {
                        wrong++;
                        assertTrue(band[i], c.geometry() + ": pixel (" + i % w + "," + i / w + ") is wrong off the boundary");
                    }
                }
                System.out.printf("%s %dx%d: %d of %d boundary pixels differ, 0 elsewhere%n",
                        c.geometry(), w, h, wrong, bandSize);
                assertEquals(w * h, back.data().length);
            }
        }
    }

    private static ModelInferRequest request(byte[] pixels) {
        byte[] params = "{\"threshold\": 0.5}".getBytes(StandardCharsets.UTF_8);
        return ModelInferRequest.newBuilder().setModelName("threshold_seg")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("IMAGE").setDatatype("UINT8")
                        .addShape(1).addShape(DicomToModelGeometry.MODEL_SIZE).addShape(DicomToModelGeometry.MODEL_SIZE))
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("INPUT_JSON_PARAMS")
                        .setDatatype("BYTES").addShape(1).addShape(1))
                .addRawInputContents(ByteString.copyFrom(pixels))
                .addRawInputContents(ByteString.copyFrom(new byte[] {(byte) params.length, 0, 0, 0})
                        .concat(ByteString.copyFrom(params)))
                .build();
    }
}
