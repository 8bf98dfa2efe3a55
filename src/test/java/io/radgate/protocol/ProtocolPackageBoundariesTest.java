package io.radgate.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.testing.TritonProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each protocol package holds its protocol's whole translation and nothing else
 * (shared/DESIGN.md): it imports no other protocol, not the Triton client, not the server
 * bootstrap, and its files stay small. KServe is the exception by design: it is a proxy to
 * Triton's own API.
 */
class ProtocolPackageBoundariesTest {
    @ParameterizedTest
    @ValueSource(strings = {"arterys", "mdai", "medimageparse", "ctclip"})
    void importsOnlyCoreAndSharedPackages(String protocol) throws IOException {
        Path dir = TritonProcess.repoRoot().resolve("src/main/java/io/radgate/protocol/" + protocol);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() >= 3, files.toString());
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            assertTrue(lines.size() < 400, f + " has " + lines.size() + " lines");
            for (String line : lines.stream().filter(l -> l.startsWith("import")).toList()) {
                boolean foreign = line.contains("io.radgate.triton") || line.contains("io.radgate.server")
                        || line.matches(".*io\\.radgate\\.protocol\\.(?!" + protocol + "\\b).*");
                assertTrue(!foreign, f.getFileName() + ": " + line);
            }
        }
    }
}
