package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Stopping the REAL Triton makes radgate unready and fail fast; it recovers when Triton returns. */
class TritonOutageIT {
    private static final String INFER = "/v2/models/threshold_seg/infer";
    private static final String BODY = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\","
            + "\"data\":[0,100,200,255]}]}";

    @Test
    void outageIs503FastAndRecoveryIsAutomatic() throws Exception {
        TritonProcess triton = TritonProcess.onFreePorts("outage", "threshold_seg");
        triton.start();
        try (TestRadgate radgate = TestRadgate.start(triton.grpcTarget(),
                java.util.Map.of(io.radgate.config.Setting.MODELS_REQUIRED, "threshold_seg"))) {
            assertEquals(200, Http.get(radgate.url("/health/ready")).statusCode());
            assertEquals(200, Http.postJson(radgate.url(INFER), BODY).statusCode());

            triton.stop();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> ready = Http.get(radgate.url("/health/ready"));
            HttpResponse<byte[]> infer = Http.postJson(radgate.url(INFER), BODY);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, ready.statusCode(), Http.text(ready));
            assertEquals(503, infer.statusCode(), Http.text(infer));
            assertTrue(infer.headers().firstValue("Retry-After").isPresent());
            assertTrue(ms < 2000, "readiness + inference answered in " + ms + " ms; must be < 2 s while Triton is down");

            triton.start();
            long t1 = System.nanoTime();
            int status = 0;
            while (System.nanoTime() - t1 < 30_000_000_000L) {
                status = Http.get(radgate.url("/health/ready")).statusCode();
                if (status == 200) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(200, status, "radgate did not see Triton come back within 30 s");
            System.out.println("recovered " + (System.nanoTime() - t1) / 1_000_000 + " ms after Triton was ready again");
            assertEquals(200, Http.postJson(radgate.url(INFER), BODY).statusCode());
        } finally {
            triton.stop();
        }
    }
}
