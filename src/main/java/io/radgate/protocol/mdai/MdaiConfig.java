package io.radgate.protocol.mdai;

import io.radgate.config.Setting;
import io.radgate.config.SettingReader;
import io.radgate.core.ModelRoute;

/**
 * The MD.ai listener's settings: its port, the model that answers, what the model's answer
 * becomes, the scope files are grouped by, and the most files one request may hold.
 *
 * <p>The route prepares images {@link ModelRoute.Preparation#AS_IS}: the example models take
 * any height and width, and results come back on the original pixels whatever the preparation.
 */
record MdaiConfig(int port, ModelRoute route, Output output, Scope scope, int maxFiles) {

    /** What an inference answer becomes ({@code mdai.output}). */
    enum Output { MASK, VERTICES, BOX, POINT, CLASSIFICATION }

    /** MD.ai model scope ({@code mdai.scope}): one result set per instance, series or study. */
    enum Scope { INSTANCE, SERIES, STUDY }

    static MdaiConfig from(SettingReader s) {
        ModelRoute route = ModelRoute.parse(s.nonEmpty(Setting.MDAI_MODEL), ModelRoute.Preparation.AS_IS, 0);
        Output output = Output.valueOf(s.oneOf(Setting.MDAI_OUTPUT, "mask", "vertices", "box", "point",
                "classification").toUpperCase(java.util.Locale.ROOT));
        Scope scope = Scope.valueOf(s.oneOf(Setting.MDAI_SCOPE, "INSTANCE", "SERIES", "STUDY"));
        return new MdaiConfig(s.port(Setting.MDAI_PORT), route, output, scope,
                s.intIn(Setting.MDAI_MAX_FILES, 1, Integer.MAX_VALUE));
    }
}
