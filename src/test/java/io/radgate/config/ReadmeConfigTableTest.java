package io.radgate.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's configuration table documents every setting with its real env var and default. */
class ReadmeConfigTableTest {
    @Test
    void everySettingHasItsRowInReadme() throws Exception {
        Path root = Path.of(System.getProperty("radgate.repo.root", System.getProperty("user.dir")));
        String readme = Files.readString(root.resolve("README.md"));
        for (Setting s : Setting.values()) {
            String row = "| `" + s.key() + "` | `" + s.envVar() + "` | `" + s.defaultValue() + "` |";
            assertTrue(readme.contains(row), "README.md lacks the row starting " + row);
        }
    }
}
