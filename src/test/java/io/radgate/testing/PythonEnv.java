package io.radgate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python venv (target/pyvenv) with the libraries of src/test/python/requirements.txt, made on
 * first use, for tests that generate their data with pydicom, nibabel or Pillow. Test data is
 * made by the tests, never downloaded or checked in as opaque blobs.
 */
public final class PythonEnv {
    private static Path python;

    private PythonEnv() {
    }

    public static synchronized Path python() {
        if (python != null) {
            return python;
        }
        Path root = TritonProcess.repoRoot();
        Path venv = root.resolve("target/pyvenv");
        Path req = root.resolve("src/test/python/requirements.txt");
        Path stamp = venv.resolve("requirements.installed");
        Path exe = venv.resolve("bin/python");
        try {
            if (!Files.exists(stamp) || !Files.readString(stamp).equals(Files.readString(req))) {
                run(List.of("python3", "-m", "venv", venv.toString()), root, 300);
                run(List.of(exe.toString(), "-m", "pip", "install", "-q", "-r", req.toString()), root, 600);
                Files.writeString(stamp, Files.readString(req));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the test venv: " + e.getMessage(), e);
        }
        python = exe;
        return python;
    }

    /** Runs {@code src/test/python/<script>} with the venv's Python; returns its stdout. */
    public static String runScript(String script, String... args) {
        Path root = TritonProcess.repoRoot();
        List<String> cmd = new ArrayList<>(List.of(python().toString(), root.resolve("src/test/python").resolve(script)
                .toString()));
        cmd.addAll(List.of(args));
        return run(cmd, root, 600);
    }

    /** Runs a command; fails with its output when it exits non-zero. */
    public static String run(List<String> cmd, Path dir, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("radgate-cmd", ".log");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " timed out");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
