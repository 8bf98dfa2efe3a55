package io.radgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.config.Setting;
import io.radgate.http.BodyReader;
import io.radgate.http.MemoryBudget;
import io.radgate.imaging.ImagingLimits;
import io.radgate.testing.TritonProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lower packages use only what docs/ARCHITECTURE.md says they may: every reference to
 * another io.radgate package, imported or written out in full, is checked.
 */
class PackageDependenciesTest {
    private static final Pattern REFERENCE = Pattern.compile("io\\.radgate\\.([a-z]+)");

    @ParameterizedTest(name = "{0} uses only {1}")
    @CsvSource({
            "error, ''",
            "config, ''",
            "observability, ''",
            "imaging, error",
            "pixels, imaging",
            "post, pixels",
            "triton, error",
            "storage, error",
            "http, error observability",
            "webhook, error observability",
            "jobs, error observability",
    })
    void usesOnlyWhatTheArchitectureAllows(String pkg, String allowed) throws IOException {
        Set<String> may = new TreeSet<>(Set.of(allowed.split(" ")));
        may.add(pkg);
        may.remove("");
        Set<String> used = new TreeSet<>();
        Path dir = TritonProcess.repoRoot().resolve("src/main/java/io/radgate/" + pkg);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!may.contains(m.group(1))) {
                        used.add(m.group(1) + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        assertTrue(used.isEmpty(), pkg + " uses " + used);
    }

    @Test
    void settingNamesInLowerPackagesAreTheConfigurationKeys() {
        assertEquals(Setting.IMAGING_MAX_FILE_BYTES.key(), ImagingLimits.MAX_FILE_BYTES);
        assertEquals(Setting.IMAGING_MAX_FRAMES.key(), ImagingLimits.MAX_FRAMES);
        assertEquals(Setting.IMAGING_MAX_DIMENSION.key(), ImagingLimits.MAX_DIMENSION);
        assertEquals(Setting.IMAGING_MAX_DECODED_BYTES.key(), ImagingLimits.MAX_DECODED_BYTES);
        assertEquals(Setting.ZIP_MAX_ENTRIES.key(), ImagingLimits.ZIP_MAX_ENTRIES);
        assertEquals(Setting.ZIP_MAX_TOTAL_BYTES.key(), ImagingLimits.ZIP_MAX_TOTAL_BYTES);
        assertEquals(Setting.ZIP_MAX_RATIO.key(), ImagingLimits.ZIP_MAX_RATIO);
        assertEquals(Setting.LIMITS_MAX_BODY_BYTES.key(), BodyReader.MAX_BODY_BYTES_SETTING);
        assertEquals(Setting.INVOCATIONS_WEBHOOK_ALLOW.key(), io.radgate.webhook.WebhookAddressPolicy.ALLOW_SETTING);
        assertEquals(Setting.LIMITS_MEMORY_BUDGET_BYTES.key(), MemoryBudget.SETTING);
    }
}
