package io.radgate.protocol.arterys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The protocol package holds the whole translation and depends on neither triton nor another protocol. */
class ArterysPackageBoundaryTest {
    @Test
    void importsNoTritonAndNoOtherProtocol() throws IOException {
        Path dir = Path.of(System.getProperty("user.dir"), "src/main/java/io/radgate/protocol/arterys");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                List<String> bad = Files.readAllLines(f).stream().filter(l -> l.startsWith("import"))
                        .filter(l -> l.contains("io.radgate.triton") || l.contains("io.radgate.server")
                                || l.contains("io.radgate.protocol.") && !l.contains("io.radgate.protocol.arterys"))
                        .toList();
                assertTrue(bad.isEmpty(), f.getFileName() + " imports " + bad);
            }
        }
    }
}
