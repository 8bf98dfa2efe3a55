package io.radgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A REAL tritonserver for integration tests, run by scripts/triton-local.sh (the same script
 * README's run command uses). Each instance has its own name, free ports and shared-memory
 * prefix, so several can run at once, also from several checkouts. Instances are stopped when the test JVM exits, also when tests fail.
 */
public final class TritonProcess {
    private static TritonProcess shared;

    private final String name;
    private final int httpPort;
    private final int grpcPort;
    private final int metricsPort;
    private final String models;

    /**
     * An instance on three free ports, chosen once (a restart reuses them), so that several
     * checkouts can run their tests side by side.
     */
    public TritonProcess(String name, String models) {
        this.name = name;
        int[] ports = freePorts(3);
        this.httpPort = ports[0];
        this.grpcPort = ports[1];
        this.metricsPort = ports[2];
        this.models = models;
    }

    /** One instance with every model, shared by the integration tests of this JVM. */
    public static synchronized TritonProcess shared() {
        if (shared == null) {
            shared = new TritonProcess("it-shared", null);
            shared.start();
        }
        return shared;
    }

    private static int[] freePorts(int n) {
        ServerSocket[] sockets = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0); // all held open together, so the n ports differ
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing a probe socket
                    }
                }
            }
        }
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("radgate.repo.root", System.getProperty("user.dir")));
    }

    public void start() {
        stop(); // one left running by a test JVM that was killed would otherwise be reused, on its old ports
        List<String> cmd = new ArrayList<>(List.of(repoRoot().resolve("scripts/triton-local.sh").toString(), "start",
                "--name", name, "--http-port", String.valueOf(httpPort), "--grpc-port", String.valueOf(grpcPort),
                "--metrics-port", String.valueOf(metricsPort), "--timeout", "180",
                // the python backend's shared-memory regions are per host: unique per test JVM
                "--shm-prefix", "radgate_" + name + "_" + ProcessHandle.current().pid() + "_"));
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

    /** CPU time so far of the server and its python stubs (for benchmarks); zero once it stopped. */
    public java.time.Duration cpuTime() {
        try {
            long pid = Long.parseLong(java.nio.file.Files.readString(repoRoot().resolve(".triton/" + name + ".pid")).trim());
            return ProcessHandle.of(pid).map(server -> java.util.stream.Stream.concat(java.util.stream.Stream.of(server),
                    server.descendants()).map(h -> h.info().totalCpuDuration().orElse(java.time.Duration.ZERO))
                    .reduce(java.time.Duration.ZERO, java.time.Duration::plus)).orElse(java.time.Duration.ZERO);
        } catch (java.io.IOException | NumberFormatException e) {
            return java.time.Duration.ZERO;
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
