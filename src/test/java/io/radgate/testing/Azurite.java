package io.radgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Azurite, Microsoft's Azure Storage emulator (npm azurite, installed into target/azurite by
 * scripts/test-data.sh), blob service only, on a free loopback port, in memory.
 */
public final class Azurite extends LocalService {
    /** Azurite's fixed, published development account: not a secret. */
    public static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public Azurite() {
        super("azurite");
    }

    public Azurite start() {
        Path main = TritonProcess.repoRoot().resolve("target/azurite/node_modules/azurite/dist/src/blob/main.js");
        if (!Files.exists(main)) {
            throw new IllegalStateException(main + " is missing: scripts/test-data.sh installs Azurite (needs node, npm)");
        }
        Path work = TritonProcess.repoRoot().resolve("target/azurite-work-" + port());
        try {
            Files.createDirectories(work); // its working directory (--location may not go with --inMemoryPersistence)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // main.js directly, not npx: stopping npx would leave its node child running
        start(List.of("node", main.toString(), "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port()),
                "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck",
                "--silent"), work, 30_000);
        return this;
    }

    /** A connection string for this Azurite, optionally through another port (a {@link TcpGate}). */
    public String connectionString(int viaPort) {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint=http://127.0.0.1:"
                + viaPort + "/" + ACCOUNT + ";";
    }

    public String connectionString() {
        return connectionString(port());
    }
}
