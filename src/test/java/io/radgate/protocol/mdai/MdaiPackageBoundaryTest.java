package io.radgate.protocol.mdai;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.testing.TritonProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package holds MD.ai's whole translation and nothing else: no other protocol, no Triton client, small files. */
class MdaiPackageBoundaryTest {
    @Test
    void importsOnlyCoreAndSharedPackages() throws IOException {
        Path dir = TritonProcess.repoRoot().resolve("src/main/java/io/radgate/protocol/mdai");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() >= 5, files.toString());
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            assertTrue(lines.size() < 400, f + " has " + lines.size() + " lines");
            for (String line : lines) {
                boolean foreign = line.contains("io.radgate.triton") || line.contains("io.radgate.server")
                        || line.matches(".*io\\.radgate\\.protocol\\.(?!mdai\\b).*");
                assertTrue(!foreign, f.getFileName() + ": " + line);
            }
        }
    }
}
