package io.radgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {
    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        Path f = dir.resolve("radgate.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void withoutFileOrEnvironmentEverySettingHasItsDefault() {
        ConfigSource src = ConfigSource.load(null, Map.of());
        for (Setting s : Setting.values()) {
            assertEquals(s.defaultValue(), src.get(s), s.key());
        }
    }

    @Test
    void nestedObjectsInFileSetTheDottedSettings() throws IOException {
        ConfigSource src = ConfigSource.load(file("""
                {"triton": {"targets": "t1:9001", "deadline-ms": 1234},
                 "http": {"port": 9090, "host": "127.0.0.1"},
                 "grpc": {"enabled": false}}
                """), Map.of());
        assertEquals("t1:9001", src.get(Setting.TRITON_TARGETS));
        assertEquals("1234", src.get(Setting.TRITON_DEADLINE_MS));
        assertEquals("9090", src.get(Setting.HTTP_PORT));
        assertEquals("127.0.0.1", src.get(Setting.HTTP_HOST));
        assertEquals("false", src.get(Setting.GRPC_ENABLED));
        assertEquals(Setting.GRPC_PORT.defaultValue(), src.get(Setting.GRPC_PORT));
    }

    @Test
    void dottedKeysInFileSetTheSameSettings() throws IOException {
        ConfigSource src = ConfigSource.load(file("""
                {"triton.targets": "t2:9002", "http.port": 9091, "kserve.repository-control": true}
                """), Map.of());
        assertEquals("t2:9002", src.get(Setting.TRITON_TARGETS));
        assertEquals("9091", src.get(Setting.HTTP_PORT));
        assertEquals("true", src.get(Setting.KSERVE_REPOSITORY_CONTROL));
    }

    @Test
    void nestedAndDottedKeysMixInOneFile() throws IOException {
        ConfigSource src = ConfigSource.load(file("""
                {"triton": {"deadline-ms": 5}, "triton.keepalive-ms": 0, "limits": {"max-body-bytes": 2048}}
                """), Map.of());
        assertEquals("5", src.get(Setting.TRITON_DEADLINE_MS));
        assertEquals("0", src.get(Setting.TRITON_KEEPALIVE_MS));
        assertEquals("2048", src.get(Setting.LIMITS_MAX_BODY_BYTES));
    }

    @Test
    void arraysInFileBecomeCommaSeparatedLists() throws IOException {
        ConfigSource src = ConfigSource.load(file("""
                {"triton": {"targets": ["a:1", "b:2"]}, "models": {"required": ["seg", "cls:3"]}}
                """), Map.of());
        assertEquals("a:1,b:2", src.get(Setting.TRITON_TARGETS));
        assertEquals("seg,cls:3", src.get(Setting.MODELS_REQUIRED));
        assertEquals(List.of("seg", "cls:3"), RadgateConfig.from(src).requiredModels());
    }

    @Test
    void environmentOverridesFileWhichOverridesDefault() throws IOException {
        Path f = file("""
                {"http": {"port": 9000}, "grpc": {"port": 9001}}
                """);
        ConfigSource src = ConfigSource.load(f, Map.of("RADGATE_HTTP_PORT", "9500"));
        assertEquals("9500", src.get(Setting.HTTP_PORT), "environment beats file");
        assertEquals("9001", src.get(Setting.GRPC_PORT), "file beats default");
        assertEquals(Setting.SHUTDOWN_GRACE_MS.defaultValue(), src.get(Setting.SHUTDOWN_GRACE_MS), "default stays");

        RadgateConfig cfg = RadgateConfig.from(src);
        assertEquals(9500, cfg.listeners().httpPort());
        assertEquals(9001, cfg.listeners().grpcPort());
    }

    @Test
    void environmentOverridesDefaultWithoutFile() {
        ConfigSource src = ConfigSource.load(null, Map.of(
                "RADGATE_TRITON_TARGETS", "x:1,y:2",
                "RADGATE_TRITON_DEADLINE_MS", "750"));
        assertEquals("x:1,y:2", src.get(Setting.TRITON_TARGETS));
        assertEquals("750", src.get(Setting.TRITON_DEADLINE_MS));
    }

    @Test
    void environmentValuesAreTrimmed() {
        ConfigSource src = ConfigSource.load(null, Map.of("RADGATE_HTTP_PORT", "  8123 \n"));
        assertEquals("8123", src.get(Setting.HTTP_PORT));
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        ConfigSource src = ConfigSource.load(null, Map.of("HTTP_PORT", "1", "RADGATE_NOT_A_SETTING", "2",
                "radgate_http_port", "3"));
        assertEquals(Setting.HTTP_PORT.defaultValue(), src.get(Setting.HTTP_PORT));
    }

    @Test
    void unknownKeyInFileIsRejectedNamingTheKey() throws IOException {
        Path f = file("""
                {"triton": {"targets": "a:1", "tagrets": "b:2"}}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.load(f, Map.of()));
        assertTrue(e.getMessage().contains("triton.tagrets"), e.getMessage());
    }

    @Test
    void unknownDottedTopLevelKeyIsRejectedNamingTheKey() throws IOException {
        Path f = file("""
                {"http.prot": 1}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.load(f, Map.of()));
        assertTrue(e.getMessage().contains("http.prot"), e.getMessage());
    }

    @Test
    void fileThatIsNotAJsonObjectIsRejected() throws IOException {
        Path f = file("[1, 2]");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.load(f, Map.of()));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void malformedJsonFileIsRejectedNamingTheFile() throws IOException {
        Path f = file("{\"http\": {\"port\": ");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.load(f, Map.of()));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void missingFileIsRejectedNamingTheFile() {
        Path f = dir.resolve("absent.json");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.load(f, Map.of()));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void ofOverridesOnlyTheGivenSettings() {
        Map<Setting, String> o = new EnumMap<>(Setting.class);
        o.put(Setting.GRPC_ENABLED, "false");
        ConfigSource src = ConfigSource.of(o);
        assertEquals("false", src.get(Setting.GRPC_ENABLED));
        assertEquals(Setting.HTTP_PORT.defaultValue(), src.get(Setting.HTTP_PORT));
    }
}
