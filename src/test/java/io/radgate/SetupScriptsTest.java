package io.radgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.testing.TritonProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up scripts stop ONCE, naming the Debian packages, when a tool is missing: run with a
 * PATH that holds only the basic commands they need (so dcmtk, gdcm, Maven and the JDK look
 * absent), they must exit 1 with one message, before any build or test starts.
 */
class SetupScriptsTest {
    private static final List<String> BASICS = List.of("bash", "python3", "sort", "paste", "dirname", "cat", "id");

    @Test
    void testDataStepNamesTheMissingPackagesOnce(@TempDir Path bin) throws Exception {
        String out = runWithOnly(bin, "scripts/test-data.sh");
        assertTrue(out.contains("MISSING Debian packages the test data needs: dcmtk libgdcm-tools nodejs npm; "
                + "and Go 1.26 or newer on PATH"), out);
        assertEquals(1, out.lines().filter(l -> l.contains("MISSING")).count(), out);
        assertTrue(out.contains("apt-get install -y dcmtk libgdcm-tools nodejs npm"), out);
    }

    @Test
    void setupCheckNamesEveryMissingPackage(@TempDir Path bin) throws Exception {
        String out = runWithOnly(bin, "scripts/setup.sh", "test", "--check");
        assertEquals(1, out.lines().filter(l -> l.contains("MISSING")).count(), out);
        for (String pkg : List.of("openjdk-17-jdk-headless", "maven", "dcmtk", "libgdcm-tools", "zip", "curl", "nodejs",
                "npm")) {
            assertTrue(out.contains(pkg), pkg + " not named:\n" + out);
        }
    }

    /** Runs a script with PATH = a directory holding links to {@link #BASICS} only; expects exit 1. */
    private static String runWithOnly(Path bin, String... command) throws IOException, InterruptedException {
        for (String tool : BASICS) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path real = Path.of(dir, tool);
                if (Files.isExecutable(real) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), real);
                }
            }
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(TritonProcess.repoRoot().toFile())
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), out);
        return out;
    }
}
