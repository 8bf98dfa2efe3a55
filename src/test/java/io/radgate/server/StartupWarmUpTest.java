package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.radgate.testing.FakeTriton;
import io.radgate.testing.Http;
import io.radgate.testing.TestRadgate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one-time set-up of the Triton connection happens during start-up, not in the first
 * request's handler on an event loop (where it blocked the loop for 0.9-2.6 s: channel idle
 * exit, load balancer, Netty transport, gRPC and protobuf class loading).
 */
class StartupWarmUpTest {

    @Test
    void theTritonChannelIsConnectedBeforeTheFirstRequest() throws Exception {
        try (FakeTriton triton = new FakeTriton().start();
             TestRadgate radgate = TestRadgate.start(triton.target(), Map.of())) {
            ManagedChannel channel = (ManagedChannel) radgate.radgate().triton().channel();
            assertNotEquals(ConnectivityState.IDLE, channel.getState(false),
                    "start-up left the channel idle: the first request would set it up on an event loop");
            assertEquals(200, Http.get(radgate.url("/health/ready")).statusCode());
        } // TestRadgate's close fails if the first requests blocked an event loop past Vert.x's limit
    }

    @Test
    void startUpDoesNotWaitForATritonThatIsDown() {
        long t0 = System.nanoTime();
        try (TestRadgate radgate = TestRadgate.start("127.0.0.1:1", Map.of())) {
            ManagedChannel channel = (ManagedChannel) radgate.radgate().triton().channel();
            assertNotEquals(ConnectivityState.IDLE, channel.getState(false));
            assertEquals(503, Http.get(radgate.url("/health/ready")).statusCode());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(ms < 15_000, "start and stop took " + ms + " ms with Triton down");
    }
}
