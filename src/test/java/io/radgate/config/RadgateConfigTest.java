package io.radgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RadgateConfigTest {

    @Test
    void defaultsGiveTheDocumentedTypedValues() {
        RadgateConfig c = RadgateConfig.from(ConfigSource.load(null, Map.of()));
        assertEquals("127.0.0.1:8001", c.triton().targets());
        assertEquals(Duration.ofSeconds(30), c.triton().deadline());
        assertEquals(Duration.ofSeconds(2), c.triton().controlDeadline());
        assertEquals(256 * 1024 * 1024, c.triton().maxMessageBytes());
        assertEquals(Duration.ofMinutes(5), c.triton().keepalive());
        assertEquals(Duration.ofSeconds(60), c.triton().metadataCacheTtl());
        assertEquals("0.0.0.0", c.listeners().host());
        assertEquals(8080, c.listeners().httpPort());
        assertTrue(c.listeners().grpcEnabled());
        assertEquals(8081, c.listeners().grpcPort());
        assertEquals(64L * 1024 * 1024, c.limits().maxBodyBytes());
        assertEquals(64 * 1024 * 1024, c.limits().maxGrpcMessageBytes());
        assertEquals(List.of(), c.requiredModels());
        assertFalse(c.repositoryControl());
        assertEquals(Duration.ofSeconds(30), c.shutdownGrace());
    }

    @Test
    void imagingSizeLimitsDefaultToAnEighthOfTheHeapAndTakeExplicitValues() {
        long eighth = Runtime.getRuntime().maxMemory() / 8;
        RadgateConfig d = RadgateConfig.from(ConfigSource.load(null, Map.of()));
        assertEquals(eighth, d.imaging().maxFileBytes());
        assertEquals(eighth, d.imaging().maxDecodedBytes());
        RadgateConfig set = RadgateConfig.from(ConfigSource.load(null, Map.of(
                Setting.IMAGING_MAX_FILE_BYTES.envVar(), "1000", Setting.IMAGING_MAX_DECODED_BYTES.envVar(), "2000")));
        assertEquals(1000, set.imaging().maxFileBytes());
        assertEquals(2000, set.imaging().maxDecodedBytes());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(Setting.TRITON_DEADLINE_MS, "abc"),
                Arguments.of(Setting.TRITON_DEADLINE_MS, "1.5"),
                Arguments.of(Setting.TRITON_DEADLINE_MS, "0"),
                Arguments.of(Setting.TRITON_CONTROL_DEADLINE_MS, "-5"),
                Arguments.of(Setting.TRITON_KEEPALIVE_MS, "-1"),
                Arguments.of(Setting.TRITON_MAX_MESSAGE_BYTES, "1023"),
                Arguments.of(Setting.TRITON_MAX_MESSAGE_BYTES, "3000000000"),
                Arguments.of(Setting.HTTP_PORT, "70000"),
                Arguments.of(Setting.HTTP_PORT, "-1"),
                Arguments.of(Setting.GRPC_PORT, "eighty"),
                Arguments.of(Setting.GRPC_ENABLED, "yes"),
                Arguments.of(Setting.GRPC_ENABLED, "1"),
                Arguments.of(Setting.KSERVE_REPOSITORY_CONTROL, "on"),
                Arguments.of(Setting.TRITON_TARGETS, ""),
                Arguments.of(Setting.TRITON_TARGETS, "   "),
                Arguments.of(Setting.HTTP_HOST, ""),
                Arguments.of(Setting.LIMITS_MAX_BODY_BYTES, "0"),
                Arguments.of(Setting.LIMITS_MAX_BODY_BYTES, "99999999999999999999"),
                Arguments.of(Setting.SHUTDOWN_GRACE_MS, ""));
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @MethodSource("malformed")
    void malformedValueIsRejectedNamingSettingKeyAndEnvVar(Setting s, String value) {
        ConfigSource src = ConfigSource.of(Map.of(s, value));
        ConfigException e = assertThrows(ConfigException.class, () -> RadgateConfig.from(src));
        assertTrue(e.getMessage().contains(s.key()), e.getMessage());
        assertTrue(e.getMessage().contains(s.envVar()), e.getMessage());
    }

    @Test
    void malformedValueFromEnvironmentNamesTheEnvVar() {
        ConfigSource src = ConfigSource.load(null, Map.of("RADGATE_HTTP_PORT", "70000"));
        ConfigException e = assertThrows(ConfigException.class, () -> RadgateConfig.from(src));
        assertTrue(e.getMessage().contains("RADGATE_HTTP_PORT"), e.getMessage());
        assertTrue(e.getMessage().contains("http.port"), e.getMessage());
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() {
        RadgateConfig c = RadgateConfig.from(ConfigSource.of(Map.of(
                Setting.HTTP_PORT, "0",
                Setting.GRPC_PORT, "65535",
                Setting.TRITON_KEEPALIVE_MS, "0",
                Setting.TRITON_DEADLINE_MS, "1",
                Setting.TRITON_MAX_MESSAGE_BYTES, "1024",
                Setting.GRPC_ENABLED, "FALSE",
                Setting.KSERVE_REPOSITORY_CONTROL, "True")));
        assertEquals(0, c.listeners().httpPort());
        assertEquals(65535, c.listeners().grpcPort());
        assertEquals(Duration.ZERO, c.triton().keepalive());
        assertEquals(Duration.ofMillis(1), c.triton().deadline());
        assertEquals(1024, c.triton().maxMessageBytes());
        assertFalse(c.listeners().grpcEnabled());
        assertTrue(c.repositoryControl());
    }

    @Test
    void targetsAreTrimmed() {
        RadgateConfig c = RadgateConfig.from(ConfigSource.of(Map.of(Setting.TRITON_TARGETS, "  a:1,b:2 ")));
        assertEquals("a:1,b:2", c.triton().targets());
    }

    @Test
    void envVarExamplesFromTheDocumentation() {
        assertEquals("RADGATE_TRITON_TARGETS", Setting.TRITON_TARGETS.envVar());
        assertEquals("RADGATE_TRITON_DEADLINE_MS", Setting.TRITON_DEADLINE_MS.envVar());
        assertEquals("RADGATE_KSERVE_REPOSITORY_CONTROL", Setting.KSERVE_REPOSITORY_CONTROL.envVar());
        assertEquals("RADGATE_LIMITS_MAX_GRPC_MESSAGE_BYTES", Setting.LIMITS_MAX_GRPC_MESSAGE_BYTES.envVar());
    }

    @Test
    void everyEnvVarIsRadgatePrefixPlusUpperCasedKeyWithDotsAndDashesAsUnderscores() {
        for (Setting s : Setting.values()) {
            StringBuilder expected = new StringBuilder("RADGATE_");
            for (char ch : s.key().toCharArray()) {
                if (ch == '.' || ch == '-') {
                    expected.append('_');
                } else if (ch >= 'a' && ch <= 'z') {
                    expected.append((char) (ch - 'a' + 'A'));
                } else {
                    expected.append(ch);
                }
            }
            assertEquals(expected.toString(), s.envVar(), s.key());
            assertTrue(s.envVar().matches("RADGATE_[A-Z0-9_]+"), s.envVar());
        }
    }

    @Test
    void keysAndEnvVarsAreUniqueAndEverySettingIsDocumented() {
        Set<String> keys = new HashSet<>();
        Set<String> envs = new HashSet<>();
        for (Setting s : Setting.values()) {
            assertTrue(keys.add(s.key()), "duplicate key " + s.key());
            assertTrue(envs.add(s.envVar()), "duplicate env var " + s.envVar());
            assertFalse(s.description().isBlank(), s.key() + " has no description");
            assertTrue(s.key().matches("[a-z]+(\\.[a-z][a-z0-9-]*)+"), "key shape: " + s.key());
        }
    }

    @Test
    void listTrimsElementsAndDropsEmptyOnes() {
        assertEquals(List.of("a", "b", "c"), SettingReader.list(" a , ,b,,  c ,"));
        assertEquals(List.of("seg:1"), SettingReader.list("seg:1"));
        assertEquals(List.of(), SettingReader.list(""));
        assertEquals(List.of(), SettingReader.list(" , ,"));
    }
}
