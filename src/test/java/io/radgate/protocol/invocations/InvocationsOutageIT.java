package io.radgate.protocol.invocations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.radgate.config.Setting;
import io.radgate.testing.TcpGate;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Triton unreachable is not the job's fault: a job accepted while Triton is away waits (its
 * status says why) and completes, and is delivered, once Triton is back. Real Triton behind a
 * TCP gate that the test shuts and opens.
 */
class InvocationsOutageIT {

    @Test
    void aJobAcceptedWhileTritonIsDownRunsWhenItIsBack() throws Exception {
        TritonProcess triton = TritonProcess.shared();
        try (TcpGate gate = new TcpGate(triton.grpcPort()); LoopbackReceiver receiver = new LoopbackReceiver()) {
            try (TestRadgate radgate = TestRadgate.start(gate.target(), Map.of(
                    Setting.INVOCATIONS_WEBHOOK_ALLOW, "127.0.0.1",
                    Setting.JOBS_POLL_MS, "100",
                    Setting.TRITON_DEADLINE_MS, "2000",
                    Setting.TRITON_CONTROL_DEADLINE_MS, "1000"))) {
                gate.shut();
                InvocationsIT.waitFor(() -> ping(radgate) == 400); // the seed's "not ready" code
                HttpResponse<String> r = InvocationsIT.postTo(radgate, "/invocations", InvocationsIT.png(32, 32, 10),
                        Map.of("Webhook-Url", receiver.url("/outage")));
                assertEquals(200, r.statusCode(), "the job is accepted: it is durable, Triton is not needed yet");
                String uuid = new JsonObject(r.body()).getString("request_uuid");
                InvocationsIT.waitFor(() -> {
                    JsonObject s = InvocationsIT.statusOn(radgate, uuid);
                    return s.getString("status").equals("queued") && s.getJsonObject("delivery") != null
                            && s.getString("last_error") != null;
                });
                assertEquals(0, receiver.hits.size(), "nothing is delivered while Triton is away");
                gate.open();
                InvocationsIT.waitFor(() -> ping(radgate) == 200);
                LoopbackReceiver.Hit hit = InvocationsIT.webhookFor(receiver, uuid);
                assertEquals("COMPLETED", new JsonObject(hit.body()).getString("status"));
                assertNotNull(InvocationsIT.statusOn(radgate, uuid).getJsonObject("result"));
            }
        }
    }

    private static int ping(TestRadgate radgate) {
        try {
            return InvocationsIT.HTTP.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(radgate.url("invocations", "/ping"))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
