package io.radgate.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Google Cloud Storage emulator (PyPI gcp-storage-emulator, from the tests' venv
 * target/pyvenv) on a free loopback port, keeping everything in memory.
 */
public final class GcsEmulator extends LocalService {
    public GcsEmulator() {
        super("gcs-emulator");
    }

    public GcsEmulator start() {
        Path exe = PythonEnv.python().resolveSibling("gcp-storage-emulator");
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException(exe + " is missing: gcp-storage-emulator belongs in "
                    + "src/test/python/requirements.txt (scripts/test-data.sh installs it)");
        }
        start(List.of(exe.toString(), "start", "--host", "127.0.0.1", "--port", String.valueOf(port()), "--in-memory"),
                TritonProcess.repoRoot(), 30_000);
        return this;
    }

    /** The base URL the GCS client takes as its host. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }
}
