package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.testing.Http;
import io.radgate.testing.TritonProcess;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as shipped (not the classes): starts, resolves a {@code dns:///} target (needs
 * the merged META-INF/services), serves an infer, logs JSON lines, and stops on SIGTERM.
 */
class PackagedJarIT {
    @Test
    void shippedJarServesAndStopsCleanly() throws Exception {
        TritonProcess triton = TritonProcess.shared();
        Path jar;
        try (var files = Files.list(TritonProcess.repoRoot().resolve("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-all.jar")).findFirst().orElseThrow();
        }
        int http = freePort();
        int grpc = freePort();
        File log = File.createTempFile("radgate-jar", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("RADGATE_TRITON_TARGETS", "dns:///localhost:" + triton.grpcPort());
        pb.environment().put("RADGATE_HTTP_PORT", String.valueOf(http));
        pb.environment().put("RADGATE_GRPC_PORT", String.valueOf(grpc));
        pb.environment().put("RADGATE_MODELS_REQUIRED", "threshold_seg");
        pb.environment().put("RADGATE_JOBS_PATH", Files.createTempDirectory("radgate-jar-jobs").toString());
        for (io.radgate.config.Setting port : io.radgate.config.Setting.values()) {
            if (port.key().endsWith(".port") && port != io.radgate.config.Setting.HTTP_PORT
                    && port != io.radgate.config.Setting.GRPC_PORT) {
                pb.environment().put(port.envVar(), "0"); // protocol listeners on free ports: tests run in parallel
            }
        }
        Process p = pb.start();
        try {
            String base = "http://127.0.0.1:" + http;
            int status = 0;
            for (int i = 0; i < 150 && status != 200; i++) {
                Thread.sleep(200);
                try {
                    status = Http.get(base + "/health/ready").statusCode();
                } catch (RuntimeException notYet) {
                    status = 0;
                }
            }
            assertEquals(200, status, "jar never became ready:\n" + Files.readString(log.toPath()));
            assertEquals(200, Http.postJson(base + "/v2/models/threshold_seg/infer",
                    "{\"inputs\":[{\"name\":\"IMAGE\",\"shape\":[1,1,2],\"datatype\":\"UINT8\",\"data\":[0,255]}]}")
                    .statusCode());
        } finally {
            p.destroy(); // SIGTERM: graceful shutdown
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "radgate did not stop on SIGTERM");
        List<String> lines = Files.readAllLines(log.toPath());
        assertFalse(lines.isEmpty());
        ObjectMapper json = new ObjectMapper();
        boolean sawInfer = false;
        for (String line : lines) {
            JsonNode n = json.readTree(line); // every line is one JSON object
            if ("/v2/models/threshold_seg/infer".equals(n.path("path").asText())) {
                sawInfer = true;
                assertEquals("threshold_seg", n.path("model").asText());
                assertEquals(200, n.path("http_status").asInt());
                assertTrue(n.path("http_status").isNumber() && n.path("latency_ms").isNumber(),
                        "numbers stay numbers: " + line);
                assertTrue(n.path("trace_id").asText().matches("[0-9a-f]{32}"), line);
                assertTrue(n.hasNonNull("request_id") && n.hasNonNull("latency_ms") && n.hasNonNull("protocol"));
            }
        }
        assertTrue(sawInfer, "no access-log line for the infer");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"stopped\"")), "no clean stop logged");
        // the shipped jar keeps Vert.x's default check: a warning past 2 s on an event loop fails here
        assertTrue(lines.stream().noneMatch(l -> l.contains("has been blocked")),
                "a request blocked an event loop:\n" + String.join("\n", lines));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
