package io.radgate;

import io.radgate.config.ConfigException;
import io.radgate.config.ConfigSource;
import io.radgate.config.RadgateConfig;
import io.radgate.server.Radgate;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts radgate. Configuration: defaults, then the JSON file named by {@code --config <file>}
 * or {@code RADGATE_CONFIG}, then {@code RADGATE_*} environment variables.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        String file = System.getenv("RADGATE_CONFIG");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = args[++i];
            } else {
                System.err.println("usage: radgate [--config file.json]");
                System.exit(2);
            }
        }
        RadgateConfig config;
        try {
            config = RadgateConfig.from(ConfigSource.load(file == null ? null : Path.of(file), System.getenv()));
        } catch (ConfigException e) {
            System.err.println("radgate: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Radgate radgate = new Radgate(config);
        try {
            radgate.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("radgate could not start: {}", e.getMessage());
            radgate.stop();
            System.exit(1);
        }
        LOG.info("radgate started; Triton targets {}", config.triton().targets());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                radgate.stop().toCompletionStage().toCompletableFuture()
                        .get(config.shutdownGrace().toMillis() + 10_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("shutdown did not finish cleanly: {}", e.toString());
            }
            stopped.countDown();
        }, "radgate-shutdown"));
        stopped.await();
    }
}
