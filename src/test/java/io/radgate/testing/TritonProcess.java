package io.radgate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A REAL tritonserver for integration tests, run by scripts/triton-local.sh (the same script
 * README's run command uses). Each instance has its own name and ports so several can run at
 * once. Instances are stopped when the test JVM exits, also when tests fail.
 */
public final class TritonProcess {
    private static TritonProcess shared;

    private final String name;
    private final int httpPort;
    private final int grpcPort;
    private final int metricsPort;
    private final String models;

    public TritonProcess(String name, int basePort, String models) {
        this(name, basePort, basePort + 1, basePort + 2, models);
    }

    private TritonProcess(String name, int httpPort, int grpcPort, int metricsPort, String models) {
        this.name = name;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.metricsPort = metricsPort;
        this.models = models;
    }

    /** An instance on three ports that were free a moment ago (not started yet). */
    public static TritonProcess onFreePorts(String name, String models) {
        try (java.net.ServerSocket a = new java.net.ServerSocket(0);
             java.net.ServerSocket b = new java.net.ServerSocket(0);
             java.net.ServerSocket c = new java.net.ServerSocket(0)) {
            return new TritonProcess(name, a.getLocalPort(), b.getLocalPort(), c.getLocalPort(), models);
        } catch (IOException e) {
            throw new IllegalStateException("no free ports: " + e.getMessage(), e);
        }
    }

    /** One instance with every model, shared by the integration tests of this JVM. */
    public static synchronized TritonProcess shared() {
        if (shared == null) {
            shared = onFreePorts("it-shared", null);
            shared.start();
        }
        return shared;
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("radgate.repo.root", System.getProperty("user.dir")));
    }

    public void start() {
        List<String> cmd = new ArrayList<>(List.of(repoRoot().resolve("scripts/triton-local.sh").toString(), "start",
                "--name", name, "--http-port", String.valueOf(httpPort), "--grpc-port", String.valueOf(grpcPort),
                "--metrics-port", String.valueOf(metricsPort), "--timeout", "180",
                // unique per instance: stop removes (and kills stubs holding) every region with this prefix,
                // and other checkouts on this machine may run an instance of the same name
                "--shm-prefix", "radgate_" + name + "_" + grpcPort + "_"));
        if (models != null) {
            cmd.add("--models");
            cmd.add(models);
        }
        run(cmd);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "stop-triton-" + name));
    }

    public void stop() {
        run(List.of(repoRoot().resolve("scripts/triton-local.sh").toString(), "stop", "--name", name));
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("could not stop Triton " + name + ": " + e.getMessage());
        }
    }

    public String grpcTarget() {
        return "127.0.0.1:" + grpcPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public String httpUrl(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    private static void run(List<String> cmd) {
        try {
            Path out = Files.createTempFile("triton-local", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " timed out");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + text);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
