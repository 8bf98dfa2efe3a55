package io.radgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process for integration tests (an emulator) on a free loopback port: started by
 * {@link #start()}, ready once the port accepts connections, stopped with its children by
 * {@link #stop()} or, at the latest, when the test JVM exits. Its output goes to a log file
 * under target/, quoted in the failure when it does not come up.
 */
public class LocalService implements AutoCloseable {
    private final String name;
    private final int port;
    private final Path log;
    private Process process;
    private Thread shutdownHook;

    protected LocalService(String name) {
        this.name = name;
        this.port = freePort();
        this.log = TritonProcess.repoRoot().resolve("target/" + name + "-" + port + ".log");
    }

    public final int port() {
        return port;
    }

    /** Starts {@code command} and waits until the port accepts connections. */
    protected final void start(List<String> command, Path workDir, long timeoutMillis) {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> kill(started), name + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String out = readLog();
                stop();
                throw new IllegalStateException(name + " did not come up on port " + port + " within " + timeoutMillis
                        + " ms; its output:\n" + out);
            }
            sleep(50);
        }
    }

    public final boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the process and its children; waits until the port no longer accepts connections. */
    public final void stop() {
        if (process == null) {
            return;
        }
        kill(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down: the hook runs anyway
        }
        process = null;
        for (int i = 0; i < 100 && accepts(); i++) {
            sleep(50);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
