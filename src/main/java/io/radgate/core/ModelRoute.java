package io.radgate.core;

/**
 * Which Triton model answers a protocol command, and how images are prepared for it. Parsed
 * from configuration ({@code name} or {@code name:version}), never hard-coded in a protocol.
 */
public record ModelRoute(String model, String version, Preparation preparation, int size) {

    /** How a 2D image becomes the model's input. */
    public enum Preparation {
        /** Resize keeping aspect, centred black pad to size × size (radgate's default). */
        LETTERBOX,
        /** Pad to square first (diff/2 on the first side), then resize (MedImageParse's clients). */
        PAD_THEN_RESIZE,
        /** The image as it is (the model takes any size). */
        AS_IS
    }

    public ModelRoute {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model route needs a model name");
        }
        version = version == null ? "" : version;
        if (preparation != Preparation.AS_IS && size <= 0) {
            throw new IllegalArgumentException("model route " + model + ": size must be positive");
        }
    }

    /** {@code name} or {@code name:version} from a setting. */
    public static ModelRoute parse(String spec, Preparation preparation, int size) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        return colon < 0 ? new ModelRoute(s, "", preparation, size)
                : new ModelRoute(s.substring(0, colon), s.substring(colon + 1), preparation, size);
    }

    /** For readiness checks and logs: {@code name} or {@code name:version}. */
    public String spec() {
        return version.isEmpty() ? model : model + ":" + version;
    }
}
