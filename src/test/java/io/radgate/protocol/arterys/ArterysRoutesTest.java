package io.radgate.protocol.arterys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radgate.config.ConfigException;
import io.radgate.config.ConfigSource;
import io.radgate.config.Setting;
import io.radgate.config.SettingReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArterysRoutesTest {
    private static ArterysRoutes routes(Map<Setting, String> s) {
        return ArterysRoutes.from(new SettingReader(ConfigSource.of(s)));
    }

    @Test
    void defaultsComeFromConfiguration() {
        ArterysRoutes r = routes(Map.of());
        assertEquals(ArterysCommand.PROBABILITY_MASK_3D, r.resolve(null, true));
        assertEquals(ArterysCommand.PROBABILITY_MASK_2D, r.resolve(null, false));
        assertEquals(ArterysCommand.PROBABILITY_MASK_3D, r.resolve(ArterysCommand.PROBABILITY_MASK, true));
        ArterysRoutes twoD = routes(Map.of(Setting.ARTERYS_DEFAULT_COMMAND, "get-probability-mask-2D"));
        assertEquals(ArterysCommand.PROBABILITY_MASK_2D, twoD.resolve(null, true));
        assertEquals(ArterysCommand.PROBABILITY_MASK_2D, twoD.resolve(ArterysCommand.PROBABILITY_MASK, true));
        assertEquals(ArterysCommand.BOUNDING_BOX_2D, r.resolve(ArterysCommand.BOUNDING_BOX_2D, true));
        assertEquals("component_detector", r.route(ArterysCommand.BOUNDING_BOX_2D).model());
        assertEquals(1024, r.route(ArterysCommand.PROBABILITY_MASK_3D).size());
        assertEquals(List.of("component_detector", "threshold_seg", "intensity_classifier"), r.models());
    }

    @Test
    void unsuffixedMaskFollowsA3dDefaultAndVersionsAreKept() {
        ArterysRoutes r = routes(Map.of(Setting.ARTERYS_DEFAULT_COMMAND, "get-probability-mask-3D",
                Setting.ARTERYS_MODEL_MASK_3D, "volume_seg:2"));
        assertEquals(ArterysCommand.PROBABILITY_MASK_3D, r.resolve(ArterysCommand.PROBABILITY_MASK, true));
        assertEquals("2", r.route(ArterysCommand.PROBABILITY_MASK_3D).version());
        ArterysRoutes boxes = routes(Map.of(Setting.ARTERYS_DEFAULT_COMMAND, "get-bounding-box-2d"));
        assertEquals(ArterysCommand.BOUNDING_BOX_2D, boxes.resolve(null, true));
        assertEquals(ArterysCommand.PROBABILITY_MASK_2D, boxes.resolve(ArterysCommand.PROBABILITY_MASK, true));
    }

    @Test
    void unsuffixedDefaultFollowsTheClientsRule() {
        ArterysRoutes r = routes(Map.of(Setting.ARTERYS_DEFAULT_COMMAND, "get-probability-mask"));
        assertEquals(ArterysCommand.PROBABILITY_MASK_3D, r.resolve(null, true), "images with positions: a volume");
        assertEquals(ArterysCommand.PROBABILITY_MASK_2D, r.resolve(null, false), "no positions: per image");
        assertEquals(ArterysCommand.PROBABILITY_MASK_2D, r.resolve(ArterysCommand.PROBABILITY_MASK_2D, true));
    }

    @Test
    void anUnknownDefaultCommandIsAConfigError() {
        assertThrows(ConfigException.class, () -> routes(Map.of(Setting.ARTERYS_DEFAULT_COMMAND, "other")));
    }
}
