package io.radgate.testing;

import io.radgate.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shipped jar (target/*-all.jar) as a process of its own, so a test can SIGKILL it and start
 * it again on the same ports and job store. Its HTTP and invocations listeners keep their ports
 * across restarts; the other listeners take free ones. Output goes to a log under target/.
 */
public final class RadgateProcess implements AutoCloseable {
    private final String name;
    private final Map<Setting, String> settings = new EnumMap<>(Setting.class);
    private final int httpPort = LocalService.freePort();
    private final int invocationsPort = LocalService.freePort();
    private final Path log;
    private Process process;
    private int starts;

    public RadgateProcess(String name, String tritonTargets, Map<Setting, String> more) {
        this.name = name;
        for (Setting s : Setting.values()) {
            if (s.key().endsWith(".port")) {
                settings.put(s, "0");
            }
        }
        settings.put(Setting.TRITON_TARGETS, tritonTargets);
        settings.put(Setting.HTTP_HOST, "127.0.0.1");
        settings.put(Setting.HTTP_PORT, String.valueOf(httpPort));
        settings.put(Setting.INVOCATIONS_PORT, String.valueOf(invocationsPort));
        settings.putAll(more);
        this.log = TritonProcess.repoRoot().resolve("target/radgate-" + name + "-" + httpPort + ".log");
    }

    /** Starts the jar (appending to its log) and waits until {@code /ping} says the model is ready. */
    public RadgateProcess start() {
        try {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar().toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            settings.forEach((s, v) -> pb.environment().put(s.envVar(), v));
            process = pb.start();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("radgate " + name + " (start " + starts + ") never became ready; log:\n"
                        + readLog());
            }
            LocalService.sleep(100);
        }
        return this;
    }

    /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed that was not already written. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String invocationsUrl(String path) {
        return "http://127.0.0.1:" + invocationsPort + path;
    }

    public String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /** Log lines of every start so far. */
    public List<String> logLines() {
        return readLog().lines().toList();
    }

    private boolean ready() {
        try {
            return Http.get(invocationsUrl("/ping")).statusCode() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private static Path jar() throws IOException {
        try (var files = Files.list(TritonProcess.repoRoot().resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-all.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/*-all.jar: run mvn package first"));
        }
    }
}
