package io.radgate.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.radgate.testing.Http;
import io.radgate.testing.Images;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.radgate.triton.proto.ModelInferRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Load driver: median latency of one KServe v2 infer of a 512×512 uint8 image on the real
 * Triton, sent directly and through radgate, in the same run. Sequential calls (one client),
 * so this measures the per-call overhead radgate adds, not throughput.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dmain.class=io.radgate.bench.KserveLatency}
 * (optional args: warm-up count, measured count).
 */
public final class KserveLatency {
    private KserveLatency() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        TritonProcess triton = TritonProcess.onFreePorts("bench", "threshold_seg");
        triton.start();
        try (TestRadgate radgate = TestRadgate.start(triton.grpcTarget())) {
            byte[] pixels = Images.phantom512();
            String header = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,512,512],\"datatype\":\"UINT8\","
                    + "\"parameters\":{\"binary_data_size\":262144}}],"
                    + "\"outputs\":[{\"name\":\"MASK\",\"parameters\":{\"binary_data\":true}}]}";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(header.getBytes(StandardCharsets.UTF_8));
            body.write(pixels);
            byte[] binary = body.toByteArray();
            String len = String.valueOf(header.getBytes(StandardCharsets.UTF_8).length);
            StringBuilder json = new StringBuilder("{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,512,512],"
                    + "\"datatype\":\"UINT8\",\"data\":[");
            for (int i = 0; i < pixels.length; i++) {
                json.append(i == 0 ? "" : ",").append(pixels[i] & 0xFF);
            }
            String jsonBody = json.append("]}]}").toString();
            ModelInferRequest grpcReq = ModelInferRequest.newBuilder().setModelName("threshold_seg")
                    .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("IMAGE").setDatatype("UINT8")
                            .addShape(1).addShape(512).addShape(512))
                    .addRawInputContents(ByteString.copyFrom(pixels)).build();
            ManagedChannel direct = ManagedChannelBuilder.forAddress("127.0.0.1", triton.grpcPort()).usePlaintext().build();
            ManagedChannel via = ManagedChannelBuilder.forAddress("127.0.0.1", radgate.grpcPort()).usePlaintext().build();
            GRPCInferenceServiceBlockingStub d = GRPCInferenceServiceGrpc.newBlockingStub(direct);
            GRPCInferenceServiceBlockingStub v = GRPCInferenceServiceGrpc.newBlockingStub(via);
            String path = "/v2/models/threshold_seg/infer";

            System.out.printf("%d warm-up + %d measured sequential calls, 512x512 uint8, model threshold_seg%n", warmup, n);
            System.out.printf("%-22s %10s %10s %10s%n", "path", "median ms", "p90 ms", "p99 ms");
            report("gRPC direct", warmup, n, () -> d.modelInfer(grpcReq));
            report("gRPC via radgate", warmup, n, () -> v.modelInfer(grpcReq));
            report("REST binary direct", warmup, n, () -> Http.post(triton.httpUrl(path), "application/octet-stream",
                    binary, "Inference-Header-Content-Length", len));
            report("REST binary via", warmup, n, () -> Http.post(radgate.url(path), "application/octet-stream",
                    binary, "Inference-Header-Content-Length", len));
            report("REST JSON direct", warmup, n / 5, () -> Http.postJson(triton.httpUrl(path), jsonBody));
            report("REST JSON via", warmup, n / 5, () -> Http.postJson(radgate.url(path), jsonBody));
            direct.shutdownNow();
            via.shutdownNow();
        } finally {
            triton.stop();
        }
        System.exit(0);
    }

    private static void report(String name, int warmup, int n, Supplier<?> call) {
        for (int i = 0; i < warmup; i++) {
            call.get();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-22s %10.2f %10.2f %10.2f%n", name, ms[n / 2], ms[(int) (n * 0.9)],
                ms[(int) (n * 0.99)]);
    }
}
