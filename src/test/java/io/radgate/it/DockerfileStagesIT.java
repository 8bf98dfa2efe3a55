package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.config.Setting;
import io.radgate.testing.Http;
import io.radgate.testing.PythonEnv;
import io.radgate.testing.TritonProcess;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's stages, run without Docker (no registry for base images is reachable here):
 * scripts/dockerfile-stages.py runs each stage's steps on this Debian 12 machine. The build stage
 * must produce the jar with its own install steps (scripts/setup.sh build: PixelMed included),
 * the runtime stage must have what the jar needs at run time (dcmtk for JPEG-LS and 12-bit
 * JPEG), and the jar the runtime stage holds must start from its ENTRYPOINT.
 */
class DockerfileStagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyStageRunsAndTheRuntimeStageStartsRadgate() throws Exception {
        Path root = TritonProcess.repoRoot();
        Path out = root.resolve("target/docker-stages");
        PythonEnv.run(List.of("python3", "scripts/dockerfile-stages.py", out.toString()), root, 1200);
        JsonNode result = JSON.readTree(out.resolve("stages.json").toFile());
        Path runtime = Path.of(result.path("stages").path("runtime").asText());
        assertTrue(Files.isRegularFile(Path.of(result.path("stages").path("build").asText(), "build/radgate.jar")),
                "the build stage made no jar");

        // The runtime stage's install set names dcmtk (and a JRE): --check fails if either is missing.
        PythonEnv.run(List.of("scripts/setup.sh", "runtime", "--check"), root, 60);
        for (String tool : List.of("dcmdjpls", "dcmdjpeg")) {
            PythonEnv.run(List.of("bash", "-c", "command -v " + tool), root, 10);
        }

        List<String> command = new ArrayList<>();
        for (JsonNode word : result.path("entrypoint")) {
            String w = word.asText();
            command.add(w.startsWith("/app/") ? runtime.resolve(w.substring(1)).toString() : w);
        }
        assertEquals("java", command.get(0));
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int http;
        try (ServerSocket s = new ServerSocket(0)) {
            http = s.getLocalPort();
        }
        File log = File.createTempFile("radgate-docker-stage", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("RADGATE_TRITON_TARGETS", "127.0.0.1:1"); // nothing listens: liveness only
        pb.environment().put("RADGATE_HTTP_PORT", String.valueOf(http));
        // the Dockerfile's ENV RADGATE_JOBS_PATH=/app/jobs, mapped into the stage (its RUN made it)
        Path jobs = runtime.resolve("app/jobs");
        assertTrue(Files.isDirectory(jobs), "the runtime stage has the job store's directory");
        pb.environment().put("RADGATE_JOBS_PATH", jobs.toString());
        for (Setting port : Setting.values()) {
            if (port.key().endsWith(".port") && port != Setting.HTTP_PORT) {
                pb.environment().put(port.envVar(), "0");
            }
        }
        Process p = pb.start();
        try {
            int status = 0;
            for (int i = 0; i < 150 && status != 200; i++) {
                Thread.sleep(200);
                try {
                    status = Http.get("http://127.0.0.1:" + http + "/health/live").statusCode();
                } catch (RuntimeException notYet) {
                    status = 0;
                }
            }
            assertEquals(200, status, "the runtime stage's jar never answered /health/live:\n"
                    + Files.readString(log.toPath()));
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
