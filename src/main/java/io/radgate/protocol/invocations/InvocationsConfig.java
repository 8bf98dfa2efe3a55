package io.radgate.protocol.invocations;

import io.radgate.config.ConfigException;
import io.radgate.config.Setting;
import io.radgate.config.SettingReader;
import io.radgate.core.ModelRoute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The invocations listener's settings: port, model, webhook policy, buckets and the job store. */
record InvocationsConfig(int port, ModelRoute route, List<String> webhookAllow, String webhookSecret,
                         Duration connectTimeout, Duration webhookTimeout, Duration retryHorizon, int maxObjects,
                         String outputFolder, String gcsInputBucket, String gcsOutputBucket, String azureInputContainer,
                         String azureOutputBucket, String gcsEndpoint, String gcsProject, String azureConnectionString,
                         Jobs jobs) {

    /** The job store and how jobs run ({@code jobs.*}). */
    record Jobs(String store, Path path, String postgresUrl, int workers, Duration poll, Duration heartbeat,
                Duration retention) {
    }

    static InvocationsConfig from(SettingReader s) {
        // the original passes the image as it is; the model takes any height and width
        ModelRoute route = ModelRoute.parse(s.nonEmpty(Setting.INVOCATIONS_MODEL), ModelRoute.Preparation.AS_IS, 0);
        String store = s.oneOf(Setting.JOBS_STORE, "embedded", "postgres");
        String pgUrl = s.string(Setting.JOBS_POSTGRES_URL).trim();
        if (store.equals("postgres") && !pgUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(Setting.JOBS_POSTGRES_URL.key() + " must be a jdbc:postgresql: URL when "
                    + Setting.JOBS_STORE.key() + " is postgres");
        }
        Jobs jobs = new Jobs(store, Path.of(s.nonEmpty(Setting.JOBS_PATH)), pgUrl,
                s.intIn(Setting.JOBS_WORKERS, 1, 1024), s.millis(Setting.JOBS_POLL_MS, 10),
                s.millis(Setting.JOBS_HEARTBEAT_MS, 100), s.millis(Setting.JOBS_RETENTION_MS, 1000));
        return new InvocationsConfig(s.port(Setting.INVOCATIONS_PORT), route, s.list(Setting.INVOCATIONS_WEBHOOK_ALLOW),
                s.string(Setting.INVOCATIONS_WEBHOOK_SECRET).trim(),
                s.millis(Setting.INVOCATIONS_WEBHOOK_CONNECT_TIMEOUT_MS, 1),
                s.millis(Setting.INVOCATIONS_WEBHOOK_TIMEOUT_MS, 1), s.millis(Setting.INVOCATIONS_RETRY_HORIZON_MS, 1000),
                s.intIn(Setting.INVOCATIONS_MAX_OBJECTS, 1, Integer.MAX_VALUE),
                s.nonEmpty(Setting.INVOCATIONS_OUTPUT_FOLDER), s.string(Setting.INVOCATIONS_GCS_INPUT_BUCKET).trim(),
                s.string(Setting.INVOCATIONS_GCS_OUTPUT_BUCKET).trim(),
                s.string(Setting.INVOCATIONS_AZURE_INPUT_CONTAINER).trim(),
                s.string(Setting.INVOCATIONS_AZURE_OUTPUT_BUCKET).trim(), s.string(Setting.STORAGE_GCS_ENDPOINT).trim(),
                s.nonEmpty(Setting.STORAGE_GCS_PROJECT), s.string(Setting.STORAGE_AZURE_CONNECTION_STRING).trim(), jobs);
    }
}
