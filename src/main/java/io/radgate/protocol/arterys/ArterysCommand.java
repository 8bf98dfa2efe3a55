package io.radgate.protocol.arterys;

import io.radgate.error.RadgateException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The values of the request's {@code inference_command} that radgate answers. */
enum ArterysCommand {
    BOUNDING_BOX_2D("get-bounding-box-2d"),
    /** The route's configured mask default (2D unless arterys.default-command says 3D). */
    PROBABILITY_MASK("get-probability-mask"),
    PROBABILITY_MASK_2D("get-probability-mask-2D"),
    PROBABILITY_MASK_3D("get-probability-mask-3D"),
    CLASSIFICATION_LABELS("get-classification-labels");

    private final String wire;

    ArterysCommand(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    /** The command named {@code value} (case-insensitive), else BAD_INPUT naming it and the known ones. */
    static ArterysCommand parse(String value) {
        for (ArterysCommand c : values()) {
            if (c.wire.toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw RadgateException.badInput("unknown inference_command '" + value + "'; radgate answers "
                + Arrays.stream(values()).map(ArterysCommand::wire).collect(Collectors.joining(", ")));
    }
}
