package io.radgate.config;

import java.util.Locale;

/**
 * Every setting radgate reads, with its default and what it means. This enum is the
 * documentation: README's configuration table is checked against it by a test.
 *
 * <p>Each setting can be given in a JSON config file (nested objects or dotted keys) and
 * overridden by an environment variable: {@code RADGATE_} + the key upper-cased with dots and
 * dashes turned into underscores (for example {@code triton.targets} →
 * {@code RADGATE_TRITON_TARGETS}).
 */
public enum Setting {
    TRITON_TARGETS("triton.targets", "127.0.0.1:8001",
            "Triton gRPC endpoints: a comma-separated list of host:port, or dns:///name:port "
                    + "(all addresses of a Kubernetes headless service). Calls are spread round-robin."),
    TRITON_DEADLINE_MS("triton.deadline-ms", "30000",
            "Deadline of one inference call to Triton, in milliseconds."),
    TRITON_CONTROL_DEADLINE_MS("triton.control-deadline-ms", "2000",
            "Deadline of health, metadata and config calls to Triton, in milliseconds."),
    TRITON_MAX_MESSAGE_BYTES("triton.max-message-bytes", "268435456",
            "Largest gRPC message radgate accepts from Triton (tensors), in bytes."),
    TRITON_KEEPALIVE_MS("triton.keepalive-ms", "300000",
            "Interval of gRPC keepalive pings to Triton during calls, in milliseconds (0 = off). Triton's "
                    + "server by default answers pings more frequent than every 5 minutes with GOAWAY."),
    TRITON_METADATA_CACHE_MS("triton.metadata-cache-ms", "60000",
            "How long model metadata and config fetched from Triton are cached, in milliseconds."),
    MODELS_REQUIRED("models.required", "",
            "Comma-separated models (name or name:version) that must be ready for /health/ready."),
    HTTP_HOST("http.host", "0.0.0.0",
            "Address the HTTP listeners bind to."),
    HTTP_PORT("http.port", "8080",
            "Port of the health probes and the KServe v2 REST API."),
    GRPC_ENABLED("grpc.enabled", "true",
            "Whether the KServe v2 gRPC listener (inference.GRPCInferenceService) runs."),
    GRPC_PORT("grpc.port", "8081",
            "Port of the KServe v2 gRPC listener."),
    LIMITS_MAX_BODY_BYTES("limits.max-body-bytes", "67108864",
            "Largest HTTP request body accepted, in bytes; larger uploads get 413."),
    LIMITS_MAX_GRPC_MESSAGE_BYTES("limits.max-grpc-message-bytes", "67108864",
            "Largest gRPC message accepted from clients, in bytes."),
    IMAGING_MAX_FILE_BYTES("imaging.max-file-bytes", "536870912",
            "Largest single image or DICOM file radgate decodes, in bytes."),
    IMAGING_MAX_FRAMES("imaging.max-frames", "4096",
            "Most frames one DICOM object may hold."),
    IMAGING_MAX_DIMENSION("imaging.max-dimension", "16384",
            "Largest width or height of an image, checked before pixels are allocated."),
    IMAGING_MAX_PIXELS("imaging.max-pixels", "268435456",
            "Most samples (width x height x channels x frames) one decoded object may hold."),
    IMAGING_NATIVE_DECODER_TIMEOUT_MS("imaging.native-decoder-timeout-ms", "30000",
            "Time limit of the dcmtk child process that decodes JPEG-LS and 12-bit JPEG, in milliseconds."),
    ZIP_MAX_ENTRIES("zip.max-entries", "20000",
            "Most entries a ZIP upload may hold."),
    ZIP_MAX_TOTAL_BYTES("zip.max-total-bytes", "4294967296",
            "Most uncompressed bytes a ZIP upload may expand to."),
    ZIP_MAX_RATIO("zip.max-ratio", "200",
            "Largest compression ratio (uncompressed / compressed) of a ZIP entry or upload."),
    KSERVE_REPOSITORY_CONTROL("kserve.repository-control", "false",
            "Whether model load/unload through radgate's KServe API is allowed (admin use)."),
    SHUTDOWN_GRACE_MS("shutdown.grace-ms", "30000",
            "On shutdown, how long in-flight requests may take to finish, in milliseconds.");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public String envVar() {
        return "RADGATE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
