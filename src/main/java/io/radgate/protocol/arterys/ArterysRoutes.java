package io.radgate.protocol.arterys;

import io.radgate.config.ConfigException;
import io.radgate.config.Setting;
import io.radgate.config.SettingReader;
import io.radgate.core.ModelRoute;
import io.radgate.error.RadgateException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which Triton model answers each Arterys command, and the command used when a request names
 * none, all from configuration ({@code arterys.*}). Images are letterboxed to 1024.
 *
 * <p>{@code arterys.default-command = get-probability-mask} means "as the client decides": 3D
 * when every image has an ImagePositionPatient, else 2D. That is the rule of the SDK's test tool
 * (run.py draws per-image 2D masks only when the images have no position), so its unchanged
 * client can show the answer. {@code defaultMask} is null in that case.
 */
record ArterysRoutes(ModelRoute boxes, ModelRoute mask2d, ModelRoute mask3d, ModelRoute classification,
                     ArterysCommand defaultCommand, ArterysCommand defaultMask) {
    static final int MODEL_SIZE = 1024;

    static ArterysRoutes from(SettingReader s) {
        ArterysCommand def;
        try {
            def = ArterysCommand.parse(s.nonEmpty(Setting.ARTERYS_DEFAULT_COMMAND));
        } catch (RadgateException e) {
            throw new ConfigException(Setting.ARTERYS_DEFAULT_COMMAND.key() + " (" + Setting.ARTERYS_DEFAULT_COMMAND.envVar()
                    + "): " + e.getMessage());
        }
        ArterysCommand mask = def == ArterysCommand.PROBABILITY_MASK ? null
                : def == ArterysCommand.PROBABILITY_MASK_3D ? ArterysCommand.PROBABILITY_MASK_3D
                : ArterysCommand.PROBABILITY_MASK_2D;
        return new ArterysRoutes(route(s, Setting.ARTERYS_MODEL_BOUNDING_BOX_2D), route(s, Setting.ARTERYS_MODEL_MASK_2D),
                route(s, Setting.ARTERYS_MODEL_MASK_3D), route(s, Setting.ARTERYS_MODEL_CLASSIFICATION), def, mask);
    }

    private static ModelRoute route(SettingReader s, Setting setting) {
        return ModelRoute.parse(s.nonEmpty(setting), ModelRoute.Preparation.LETTERBOX, MODEL_SIZE);
    }

    /**
     * The command to run: the request's, or the default; get-probability-mask resolved to 2D or 3D
     * ({@code spatial}: every image has a position, used when the default is "as the client decides").
     */
    ArterysCommand resolve(ArterysCommand requested, boolean spatial) {
        ArterysCommand c = requested == null ? defaultCommand : requested;
        if (c != ArterysCommand.PROBABILITY_MASK) {
            return c;
        }
        if (defaultMask != null) {
            return defaultMask;
        }
        return spatial ? ArterysCommand.PROBABILITY_MASK_3D : ArterysCommand.PROBABILITY_MASK_2D;
    }

    ModelRoute route(ArterysCommand c) {
        return switch (c) {
            case BOUNDING_BOX_2D -> boxes;
            case PROBABILITY_MASK, PROBABILITY_MASK_2D -> mask2d;
            case PROBABILITY_MASK_3D -> mask3d;
            case CLASSIFICATION_LABELS -> classification;
        };
    }

    /** Every model this protocol uses ({@code name} or {@code name:version}), for /healthcheck. */
    List<String> models() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (ModelRoute r : List.of(boxes, mask2d, mask3d, classification)) {
            all.add(r.spec());
        }
        return List.copyOf(all);
    }
}
