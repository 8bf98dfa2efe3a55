package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.testing.Http;
import io.radgate.testing.TcpGate;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After a Triton outage long enough for gRPC's reconnect back-off to grow past 20 s, radgate
 * uses the restarted REAL Triton within seconds, although nothing ever calls a readiness probe.
 *
 * <p>Radgate reaches Triton through a {@link TcpGate}, shut for the outage. Triton is stopped,
 * restarted behind the shut gate, and the gate opens right after one of radgate's reconnect
 * attempts was refused: the worst moment for a back-off. With gRPC's own back-off alone
 * (1 s x 1.6 per failure, +-20 %), after 45 s of failures the next attempt is at least 21 s
 * away, so inference would keep answering 503 for 21 s or more; radgate must answer within 5 s.
 */
class TritonRecoveryIT {
    private static final String INFER = "/v2/models/threshold_seg/infer";
    private static final String BODY = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\","
            + "\"data\":[0,100,200,255]}]}";
    private static final long OUTAGE_NANOS = TimeUnit.SECONDS.toNanos(45);

    @Test
    @Timeout(600)
    void inferenceRecoversWithinSecondsOfTritonsReturnWithoutAnyReadinessProbe() throws Exception {
        TritonProcess triton = new TritonProcess("recovery", "threshold_seg");
        triton.start();
        try (TcpGate gate = new TcpGate(triton.grpcPort());
             TestRadgate radgate = TestRadgate.start(gate.target(), Map.of())) {
            String infer = radgate.url(INFER);
            assertEquals(200, Http.postJson(infer, BODY).statusCode());

            triton.stop();
            gate.shut();
            long down = System.nanoTime();
            HttpResponse<byte[]> failed = Http.postJson(infer, BODY);
            assertEquals(503, failed.statusCode(), Http.text(failed));
            assertTrue(failed.headers().firstValue("Retry-After").isPresent());

            triton.start(); // behind the shut gate: ready, but not reachable yet
            while (System.nanoTime() - down < OUTAGE_NANOS) {
                Thread.sleep(200);
            }
            int attemptsSoFar = gate.attempts.size();
            long waitFrom = System.nanoTime();
            while (gate.attempts.size() == attemptsSoFar && System.nanoTime() - waitFrom < TimeUnit.SECONDS.toNanos(90)) {
                Thread.sleep(5);
            }
            assertTrue(gate.attempts.size() > attemptsSoFar, "radgate stopped trying to reconnect");
            gate.open();
            long reachable = System.nanoTime();

            int status = 0;
            while (System.nanoTime() - reachable < TimeUnit.SECONDS.toNanos(10)) {
                status = Http.postJson(infer, BODY).statusCode();
                if (status == 200) {
                    break;
                }
                Thread.sleep(200);
            }
            long ms = (System.nanoTime() - reachable) / 1_000_000;
            System.out.println("outage " + (reachable - down) / 1_000_000 + " ms, " + gate.attempts.size()
                    + " connection attempts; inference answered 200 " + ms + " ms after Triton was reachable");
            assertEquals(200, status, "inference still failed 10 s after Triton was ready and reachable again");
            assertTrue(ms < 5000, "inference recovered only " + ms + " ms after Triton was reachable again");
        } finally {
            triton.stop();
        }
    }
}
