package io.radgate.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Google Cloud Storage emulator, fake-gcs-server (built from the Go module proxy into
 * target/gobin by scripts/test-data.sh), on a free loopback port, keeping everything in
 * memory. Not PyPI's gcp-storage-emulator: that one ignores maxResults and pageToken and
 * answers every listing in one page, so paging cannot be tested against it.
 */
public final class GcsEmulator extends LocalService {
    public GcsEmulator() {
        super("fake-gcs-server");
    }

    public GcsEmulator start() {
        Path exe = TritonProcess.repoRoot().resolve("target/gobin/fake-gcs-server");
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException(exe + " is missing: scripts/test-data.sh builds it (needs Go 1.26+)");
        }
        String hostPort = "127.0.0.1:" + port();
        // its defaults are 0.0.0.0, https and URLs under /storage: all set for a loopback http server
        start(List.of(exe.toString(), "-scheme", "http", "-host", "127.0.0.1", "-port", String.valueOf(port()),
                "-backend", "memory", "-external-url", "http://" + hostPort, "-public-host", hostPort),
                TritonProcess.repoRoot(), 30_000);
        return this;
    }

    /** The base URL the GCS client takes as its host. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }
}
