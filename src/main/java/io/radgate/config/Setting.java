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
            "Triton gRPC endpoints: a comma-separated list of host:port and dns:///name:port entries (a name "
                    + "stands for all its addresses, e.g. a Kubernetes headless service). Calls are spread "
                    + "round-robin over the replicas that pass their health probe; a ModelInfer that a replica "
                    + "answers NOT_FOUND (it is unloading the model, as Triton does when stopped) is retried on "
                    + "another."),
    TRITON_DEADLINE_MS("triton.deadline-ms", "30000",
            "Deadline of one inference call to Triton, in milliseconds."),
    TRITON_CONTROL_DEADLINE_MS("triton.control-deadline-ms", "2000",
            "Deadline of health, metadata and config calls to Triton, in milliseconds."),
    TRITON_MAX_MESSAGE_BYTES("triton.max-message-bytes", "268435456",
            "Largest gRPC message radgate accepts from Triton (tensors), in bytes."),
    TRITON_MAX_METADATA_BYTES("triton.max-metadata-bytes", "1048576",
            "Size of Triton's response headers and trailers (a long error message) radgate always reads, in "
                    + "bytes. Longer ones may be refused, failing only their own call; a long message never "
                    + "closes the connection to Triton that other calls share (grpc-java's default of 8 KiB did)."),
    TRITON_KEEPALIVE_MS("triton.keepalive-ms", "300000",
            "Interval of gRPC keepalive pings to Triton during calls, in milliseconds (0 = off). Triton's "
                    + "server by default answers pings more frequent than every 5 minutes with GOAWAY."),
    TRITON_METADATA_CACHE_MS("triton.metadata-cache-ms", "60000",
            "How long model metadata and config fetched from Triton are cached, in milliseconds."),
    TRITON_RECONNECT_MS("triton.reconnect-ms", "1000",
            "While a Triton is unreachable, radgate retries the connection at least this often, in "
                    + "milliseconds (0 = only gRPC's own back-off, up to 2 minutes, and readiness probes)."),
    TRITON_HEALTH_MS("triton.health-ms", "1000",
            "With several Triton replicas, each is probed (KServe ServerLive, on a connection of its own) this "
                    + "often, in milliseconds; one that fails is left out of the rotation until a probe passes "
                    + "(0 = no probes)."),
    TRITON_RESOLVE_MS("triton.resolve-ms", "10000",
            "Host names in triton.targets (and dns:/// targets) are looked up again this often, in milliseconds, "
                    + "so replicas that appear behind a name get traffic without a restart (0 = only when a "
                    + "connection fails)."),
    MODELS_REQUIRED("models.required", "",
            "Comma-separated models (name or name:version) that must be ready for /health/ready."),
    HTTP_HOST("http.host", "0.0.0.0",
            "Address the HTTP listeners bind to."),
    HTTP_PORT("http.port", "8080",
            "Port of the health probes and the KServe v2 REST API."),
    HTTP_HEADER_TIMEOUT_MS("http.header-timeout-ms", "10000",
            "Time a new connection has to send its first request line and headers (every listener, gRPC included), "
                    + "in milliseconds; then it is closed."),
    HTTP_IDLE_TIMEOUT_MS("http.idle-timeout-ms", "60000",
            "A connection with no request in progress is closed after this long, in milliseconds (every listener); "
                    + "the next request's headers on a kept-alive connection must arrive within it."),
    HTTP_BODY_TIMEOUT_MS("http.body-timeout-ms", "120000",
            "Time a request body has to arrive in full once its headers are in, in milliseconds (every listener; "
                    + "gRPC streaming calls excepted); then 408 and the connection is closed. Raise it for very large "
                    + "uploads over slow links."),
    GRPC_ENABLED("grpc.enabled", "true",
            "Whether the KServe v2 gRPC listener (inference.GRPCInferenceService) runs."),
    GRPC_PORT("grpc.port", "8081",
            "Port of the KServe v2 gRPC listener."),
    LIMITS_MAX_BODY_BYTES("limits.max-body-bytes", "67108864",
            "Largest HTTP request body accepted, in bytes; larger uploads get 413."),
    LIMITS_MEMORY_BUDGET_BYTES("limits.memory-budget-bytes", "0",
            "Memory all requests in flight may hold together, on every listener: bodies read into memory (CT-CLIP "
                    + "uploads count only their in-memory part), decoded pixels and rendered answers, in bytes; "
                    + "0 means a quarter of the maximum heap. A request that would go over it gets 503 with "
                    + "Retry-After at once; one that alone needs more than all of it gets 413."),
    LIMITS_MAX_CONCURRENT("limits.max-concurrent", "128",
            "Requests each listener runs at once (health, readiness and metrics excepted); more wait in arrival "
                    + "order up to limits.max-queued, beyond which they get 503 with Retry-After at once. KServe gRPC "
                    + "calls do not wait: beyond the limit they get UNAVAILABLE."),
    LIMITS_MAX_QUEUED("limits.max-queued", "512",
            "Requests per HTTP listener that may wait for one of its limits.max-concurrent slots."),
    LIMITS_MAX_GRPC_MESSAGE_BYTES("limits.max-grpc-message-bytes", "67108864",
            "Largest gRPC message accepted from clients, in bytes."),
    IMAGING_MAX_FILE_BYTES("imaging.max-file-bytes", "0",
            "Largest single image or DICOM file radgate decodes, in bytes; also the most of one ZIP entry read "
                    + "into memory. 0 means an eighth of the maximum heap (64 MiB with -Xmx512m)."),
    IMAGING_MAX_FRAMES("imaging.max-frames", "4096",
            "Most frames one DICOM object may hold."),
    IMAGING_MAX_DIMENSION("imaging.max-dimension", "16384",
            "Largest width or height of an image, checked before pixels are allocated."),
    IMAGING_MAX_DECODED_BYTES("imaging.max-decoded-bytes", "0",
            "Most bytes of decoded pixels (width x height x channels x frames x bytes per sample) of one request, "
                    + "all its images together, and so of one image; checked on the header before pixels are "
                    + "allocated (413 beyond). Decoding claims twice this from limits.memory-budget-bytes, so keep "
                    + "it at most half the budget. 0 means an eighth of the maximum heap (64 MiB with -Xmx512m), "
                    + "half the default budget."),
    IMAGING_NATIVE_DECODER_TIMEOUT_MS("imaging.native-decoder-timeout-ms", "30000",
            "Time limit of the dcmtk child process that decodes JPEG-LS and 12-bit JPEG, in milliseconds."),
    ZIP_MAX_ENTRIES("zip.max-entries", "20000",
            "Most entries a ZIP upload may hold."),
    ZIP_MAX_TOTAL_BYTES("zip.max-total-bytes", "4294967296",
            "Most uncompressed bytes a ZIP upload may expand to."),
    ZIP_MAX_RATIO("zip.max-ratio", "200",
            "Largest compression ratio (uncompressed / compressed) of a ZIP entry or upload."),
    ARTERYS_ENABLED("arterys.enabled", "true",
            "Whether the Arterys inference SDK listener runs (POST /, /healthcheck, /ping)."),
    ARTERYS_PORT("arterys.port", "8900",
            "Port of the Arterys listener; a port shared with other protocols serves them all (single-port mode)."),
    ARTERYS_MAX_PARTS("arterys.max-parts", "1000",
            "Most parts (DICOM files and attachments, after the JSON part) of one Arterys request; more get 413."),
    ARTERYS_MODEL_BOUNDING_BOX_2D("arterys.model.bounding-box-2d", "component_detector",
            "Model (name or name:version) answering Arterys get-bounding-box-2d."),
    ARTERYS_MODEL_MASK_2D("arterys.model.probability-mask-2d", "threshold_seg",
            "Model answering Arterys get-probability-mask-2D."),
    ARTERYS_MODEL_MASK_3D("arterys.model.probability-mask-3d", "threshold_seg",
            "Model answering Arterys get-probability-mask-3D: a 2D model run on every slice of the series "
                    + "(one Triton call per slice after the whole request is decoded), masks stacked in slice order."),
    ARTERYS_MODEL_CLASSIFICATION("arterys.model.classification", "intensity_classifier",
            "Model answering Arterys get-classification-labels."),
    ARTERYS_DEFAULT_COMMAND("arterys.default-command", "get-probability-mask",
            "Arterys inference_command used when a request names none; get-probability-mask means 3D when "
                    + "every image has a position, else 2D (the SDK test tool's own rule)."),
    MDAI_ENABLED("mdai.enabled", "true",
            "Whether the MD.ai model interface listener runs (POST /inference, /healthz, /ready, /version)."),
    MDAI_PORT("mdai.port", "6324",
            "Port of the MD.ai listener (its client hard-codes 6324)."),
    MDAI_MAX_FILES("mdai.max-files", "1000",
            "Most entries of 'files' in one MD.ai request; more get 413."),
    MDAI_MODEL("mdai.model", "threshold_seg",
            "Model (name or name:version) answering MD.ai inference."),
    MDAI_OUTPUT("mdai.output", "mask",
            "What the MD.ai model's answer becomes: mask, vertices, box, point or classification."),
    MDAI_SCOPE("mdai.scope", "INSTANCE",
            "MD.ai scope the files are grouped by: INSTANCE, SERIES or STUDY."),
    MEDIMAGEPARSE_ENABLED("medimageparse.enabled", "true",
            "Whether the MedImageParse (Azure ML) listener runs (POST /score)."),
    MEDIMAGEPARSE_PORT("medimageparse.port", "5001",
            "Port of the MedImageParse listener."),
    MEDIMAGEPARSE_MODEL("medimageparse.model", "prompted_seg",
            "Model (name or name:version) answering MedImageParse /score."),
    MEDIMAGEPARSE_MAX_MASKS("medimageparse.max-masks", "16",
            "Most masks one /score request may ask for (prompts of all rows together; every row has at least one); "
                    + "each is 1024x1024 bytes in memory and about 1.4 MB of answer. More get 413."),
    MEDIMAGEPARSE_MAX_PROMPT_CHARS("medimageparse.max-prompt-chars", "1000",
            "Longest text prompt cell of a /score row, in characters; longer gets 413."),
    MEDIMAGEPARSE_KEYS("medimageparse.keys", "",
            "Comma-separated bearer keys accepted by /score; none configured means every request is 401."),
    MEDIMAGEPARSE_AUTH("medimageparse.auth", "true",
            "Whether /score requires a bearer key (false only for local experiments)."),
    CTCLIP_ENABLED("ctclip.enabled", "true",
            "Whether the CT-CLIP study API listener runs (GET /, GET /health, POST /predict, POST /predict_nifti)."),
    CTCLIP_PORT("ctclip.port", "8000",
            "Port of the CT-CLIP listener (its batch client defaults to http://localhost:8000)."),
    CTCLIP_MODEL("ctclip.model", "study_classifier",
            "Study-level volume classifier (name or name:version) answering CT-CLIP /predict and /predict_nifti."),
    CTCLIP_THORACIC_MODEL("ctclip.thoracic-model", "",
            "Optional second (thoracic) classifier with the same tensors; when set, answers carry "
                    + "probability_of_pathology_thoracic and pathology_thoracic."),
    CTCLIP_THRESHOLD("ctclip.threshold", "0.59",
            "Decision threshold: probability_of_pathology >= threshold gives pathology 1 (the original's "
                    + "OPTIMAL_THRESHOLD). Also applied to the thoracic model."),
    CTCLIP_LABEL_THRESHOLD("ctclip.label-threshold", "0.5",
            "A label is named in top_pathologies (best 3, only when pathology is 1) when its score reaches this; "
                    + "if none does, the single best label is named."),
    CTCLIP_MIN_SLICES("ctclip.min-slices", "20",
            "Fewest valid slices a series needs to be a candidate (CT-CLIP's MIN_SLICES)."),
    CTCLIP_VOLUME_SPACING("ctclip.volume.spacing", "3,3,3",
            "Voxel size (mm) the volume is resampled to before the model, as x,y,z (column, row, slice)."),
    CTCLIP_VOLUME_SHAPE("ctclip.volume.shape", "128,128,128",
            "Voxels the resampled volume is centre-cropped or padded (with -1000 HU) to, as x,y,z."),
    CTCLIP_MAX_CONCURRENT("ctclip.max-concurrent", "2",
            "Studies processed at once by the CT-CLIP routes; more wait in a queue."),
    CTCLIP_MAX_QUEUED("ctclip.max-queued", "16",
            "Studies that may wait for a CT-CLIP slot; beyond that a request gets 503 with Retry-After."),
    CTCLIP_MAX_UPLOAD_BYTES("ctclip.max-upload-bytes", "2147483648",
            "Largest CT-CLIP upload (the whole multipart body), in bytes; larger gets 413. Uploads are "
                    + "streamed to disk, not held in memory."),
    CTCLIP_UPLOAD_DIR("ctclip.upload-dir", "",
            "Directory for CT-CLIP uploads while they are processed (deleted after each request); empty means "
                    + "<java.io.tmpdir>/radgate-uploads."),
    INVOCATIONS_ENABLED("invocations.enabled", "true",
            "Whether the invocations gateway (seed 001: /ping, /invocations, /bucket_invocations, "
                    + "/bucket_invocations_azure_uae, GET /invocations/{request_uuid}) runs."),
    INVOCATIONS_PORT("invocations.port", "8090",
            "Port of the invocations listener."),
    INVOCATIONS_MODEL("invocations.model", "boundary_polyline",
            "Model (name or name:version) that answers invocations: IMAGE UINT8 [1,H,W] and INPUT_JSON_PARAMS in, "
                    + "POINTS [N,2] out; its config parameters class_name and class_id name the polyline."),
    INVOCATIONS_WEBHOOK_ALLOW("invocations.webhook.allow", "",
            "Comma-separated hosts, addresses or CIDRs a Webhook-Url may point at although they are loopback, "
                    + "private, link-local or otherwise internal (refused by default)."),
    INVOCATIONS_WEBHOOK_SECRET("invocations.webhook.secret", "",
            "Standard Webhooks signing secret (whsec_<base64>); when set, every webhook carries "
                    + "webhook-signature: v1,<base64 HMAC-SHA256>. Empty: unsigned."),
    INVOCATIONS_WEBHOOK_CONNECT_TIMEOUT_MS("invocations.webhook.connect-timeout-ms", "10000",
            "Time to connect to a webhook receiver, in milliseconds."),
    INVOCATIONS_WEBHOOK_TIMEOUT_MS("invocations.webhook.timeout-ms", "30000",
            "Time a webhook receiver has to answer one delivery, in milliseconds; then the attempt has failed."),
    INVOCATIONS_RETRY_HORIZON_MS("invocations.retry-horizon-ms", "86400000",
            "How long a job keeps being retried (webhook deliveries, and inference while Triton is unavailable), "
                    + "from its first attempt, in milliseconds; the first retries come within seconds, then "
                    + "back off exponentially with jitter up to an hour apart. After it the job is failed."),
    INVOCATIONS_MAX_OBJECTS("invocations.max-objects", "100000",
            "Most images one bucket request may start jobs for; a prefix holding more is refused with 400."),
    INVOCATIONS_OUTPUT_FOLDER("invocations.output-folder", "results",
            "Folder of the output bucket that Write-To-GCS results go to: <folder>/<request_uuid>.json."),
    INVOCATIONS_GCS_INPUT_BUCKET("invocations.gcs.input-bucket", "",
            "GCS bucket /bucket_invocations reads from when the request names none (Input-Bucket-Name)."),
    INVOCATIONS_GCS_OUTPUT_BUCKET("invocations.gcs.output-bucket", "",
            "GCS bucket results are written to when the request names none (Output-Bucket-Name)."),
    INVOCATIONS_AZURE_INPUT_CONTAINER("invocations.azure.input-container", "",
            "Azure Blob container /bucket_invocations_azure_uae reads from when the request names none."),
    INVOCATIONS_AZURE_OUTPUT_BUCKET("invocations.azure.output-bucket", "",
            "GCS bucket the Azure route writes results to when the request names none (as the original)."),
    STORAGE_GCS_ENDPOINT("storage.gcs.endpoint", "",
            "GCS endpoint, for an emulator (http://host:port, no credentials); empty means Google's, with "
                    + "application-default credentials."),
    STORAGE_GCS_PROJECT("storage.gcs.project", "radgate",
            "GCS project id used by the client."),
    STORAGE_AZURE_CONNECTION_STRING("storage.azure.connection-string", "",
            "Azure Storage connection string (account and key, or SAS) for the Azure route; empty: the route "
                    + "answers 400 naming this setting."),
    JOBS_STORE("jobs.store", "embedded",
            "Where invocation jobs are kept until delivered: embedded (an H2 file under jobs.path, one node) or "
                    + "postgres (jobs.postgres.url; several replicas share the work)."),
    JOBS_PATH("jobs.path", "radgate-jobs",
            "Directory of the embedded job store (created if missing)."),
    JOBS_POSTGRES_URL("jobs.postgres.url", "",
            "JDBC URL of the PostgreSQL job store, user and password included as URL parameters, e.g. "
                    + "jdbc:postgresql://db:5432/radgate?user=radgate&password=..."),
    JOBS_WORKERS("jobs.workers", "8",
            "Jobs one radgate runs at once (Triton calls and webhook deliveries)."),
    JOBS_POLL_MS("jobs.poll-ms", "500",
            "How often the job store is polled for due jobs, in milliseconds (jobs submitted to this node also "
                    + "start at once)."),
    JOBS_HEARTBEAT_MS("jobs.heartbeat-ms", "2000",
            "Heartbeat of running jobs, in milliseconds; a job whose node missed 4 heartbeats is taken over by "
                    + "another node (or by this one after a restart)."),
    JOBS_RETENTION_MS("jobs.retention-ms", "86400000",
            "How long finished jobs (and Idempotency-Key answers) are kept for GET /invocations/{request_uuid}, "
                    + "in milliseconds."),
    LOGGING_CLIENT_NAMES("logging.client-names", "hash",
            "How client-chosen names (upload file names, ZIP entry names) appear in logs: hash (a short SHA-256 "
                    + "prefix and the length) or plain (the name itself; they often carry patient names)."),
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
