package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import org.junit.jupiter.api.Test;

/** With two REAL Tritons as targets, both serve requests; proven by each Triton's own statistics. */
class RoundRobinIT {
    private static final String BODY = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\","
            + "\"data\":[0,100,200,255]}]}";

    private static long inferenceCount(TritonProcess t) throws Exception {
        return new ObjectMapper().readTree(Http.get(t.httpUrl("/v2/models/threshold_seg/stats")).body())
                .get("model_stats").get(0).get("inference_count").asLong();
    }

    private static long callsTo(String scrape, TritonProcess t) {
        String replica = "replica=\"127.0.0.1:" + t.grpcPort() + "\"";
        return scrape.lines().filter(l -> l.startsWith("radgate_triton_calls_seconds_count{")
                        && l.contains("method=\"ModelInfer\"") && l.contains(replica) && l.contains("status=\"OK\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void callsAreSpreadOverBothTritons() throws Exception {
        TritonProcess a = new TritonProcess("rr-a", "threshold_seg");
        TritonProcess b = new TritonProcess("rr-b", "threshold_seg");
        a.start();
        b.start();
        try (TestRadgate radgate = TestRadgate.start(a.grpcTarget() + "," + b.grpcTarget())) {
            // let the round_robin policy connect to both subchannels before counting
            for (int i = 0; i < 50 && Http.get(radgate.url("/health/ready")).statusCode() != 200; i++) {
                Thread.sleep(100);
            }
            long a0 = inferenceCount(a);
            long b0 = inferenceCount(b);
            int n = 40;
            for (int i = 0; i < n; i++) {
                assertEquals(200, Http.postJson(radgate.url("/v2/models/threshold_seg/infer"), BODY).statusCode());
            }
            long da = inferenceCount(a) - a0;
            long db = inferenceCount(b) - b0;
            assertEquals(n, da + db, "every request reached exactly one Triton");
            assertTrue(da >= n / 4 && db >= n / 4, "both Tritons served a fair share: " + da + " / " + db);
            // radgate's /metrics counts the same calls per replica
            String scrape = Http.text(Http.get(radgate.url("/metrics")));
            assertEquals(da, callsTo(scrape, a), scrape);
            assertEquals(db, callsTo(scrape, b), scrape);
        } finally {
            a.stop();
            b.stop();
        }
    }
}
