package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.config.Setting;
import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Three REAL Tritons as radgate's targets, under load from 16 clients: one is stopped (SIGTERM,
 * what Kubernetes sends a pod it deletes) and no client request fails; one that was down from
 * the start is started and gets traffic, without restarting radgate.
 */
class ReplicaFailoverIT {
    private static final String BODY = "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,2,2],\"datatype\":\"UINT8\","
            + "\"data\":[0,100,200,255]}]}";

    private static long inferenceCount(TritonProcess t) throws Exception {
        return new ObjectMapper().readTree(Http.get(t.httpUrl("/v2/models/threshold_seg/stats")).body())
                .get("model_stats").get(0).get("inference_count").asLong();
    }

    @Test
    void aStoppedReplicaFailsNoRequestAndAStartedOneGetsTraffic() throws Exception {
        TritonProcess a = new TritonProcess("fo-a", "threshold_seg");
        TritonProcess b = new TritonProcess("fo-b", "threshold_seg");
        TritonProcess c = new TritonProcess("fo-c", "threshold_seg"); // listed, not started yet
        a.start();
        b.start();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try (TestRadgate radgate = TestRadgate.start(a.grpcTarget() + "," + b.grpcTarget() + "," + c.grpcTarget(),
                Map.of(Setting.TRITON_HEALTH_MS, "200"))) {
            for (int i = 0; i < 50 && Http.get(radgate.url("/health/ready")).statusCode() != 200; i++) {
                Thread.sleep(100);
            }
            String url = radgate.url("/v2/models/threshold_seg/infer");
            for (int i = 0; i < 16; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        sent.incrementAndGet();
                        try {
                            var r = Http.postJson(url, BODY);
                            if (r.statusCode() != 200) {
                                failures.computeIfAbsent(r.statusCode() + " " + Http.text(r), k -> new AtomicLong())
                                        .incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failures.computeIfAbsent(String.valueOf(e), k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                });
            }
            Thread.sleep(3000);
            long servedByA = inferenceCount(a);
            long beforeStop = sent.get();
            a.stop(); // SIGTERM, waits until it has exited
            long afterStop = sent.get();
            Thread.sleep(1000);
            long c0 = 0;
            c.start();
            long cStarted = System.nanoTime();
            Thread.sleep(3000);
            long servedByC = inferenceCount(c) - c0;
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            long servedByB = inferenceCount(b);
            System.out.printf("replicas: %d requests at concurrency 16, %d failed; a served %d before its SIGTERM"
                            + " (%d requests sent while it stopped), b %d, c %d in the %.1f s after it started%n",
                    sent.get(), failures.values().stream().mapToLong(AtomicLong::get).sum(), servedByA,
                    afterStop - beforeStop, servedByB, servedByC, (System.nanoTime() - cStarted) / 1e9);
            assertEquals(Map.of(), Map.copyOf(failures), "no request failed");
            assertTrue(servedByA > 0, "a served before it was stopped");
            assertTrue(servedByC > 0, "the replica started under load got traffic");
        } finally {
            running.set(false);
            clients.shutdownNow();
            for (TritonProcess t : List.of(a, b, c)) {
                t.stop();
            }
        }
    }
}
