package io.radgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (Debian's {@code postgresql} package; scripts/setup.sh test installs it) in
 * a temporary data directory, on a free loopback port, trust authentication, fsync off (a test
 * database: durability across a machine crash is not what the tests prove). As root it runs as
 * the {@code postgres} user, since PostgreSQL refuses to run as root.
 */
public final class PostgresProcess extends LocalService {
    private static final String USER = "radgate";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final Path data;
    private final Path bin;
    private final boolean root;

    public PostgresProcess() {
        super("postgres");
        this.bin = binDir();
        this.root = "root".equals(System.getProperty("user.name"));
        try {
            Path base = Files.createTempDirectory("radgate-pg");
            this.data = base.resolve("data");
            if (root) {
                run(List.of("chown", "postgres:postgres", base.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PostgresProcess start() {
        run(asOwner(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--no-sync")));
        start(asOwner(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port()),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + data, "-c", "fsync=off",
                "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200")),
                data.getParent(), 60_000);
        return this;
    }

    /** A JDBC URL of the given database, user in the URL as jobs.postgres.url takes it. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=" + USER;
    }

    /** Creates an empty database of its own for one test and returns its URL. */
    public String newDatabase() {
        String name = "t" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    @Override
    public void close() {
        if (isRunning()) {
            // "fast" shutdown; the SIGTERM that stop() sends first is "smart", which waits for clients
            runQuietly(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast",
                    "-w", "-t", "10", "stop")));
        }
        stop();
        deleteTree(data.getParent());
    }

    private List<String> asOwner(List<String> command) {
        if (!root) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(command);
        return c;
    }

    /** Debian keeps the server binaries off PATH, in /usr/lib/postgresql/VERSION/bin: the newest. */
    private static Path binDir() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(PostgresProcess::missing);
        } catch (IOException | NumberFormatException e) {
            throw missing();
        }
    }

    private static IllegalStateException missing() {
        return new IllegalStateException("PostgreSQL's server is not installed (/usr/lib/postgresql/*/bin/initdb):"
                + " scripts/setup.sh test installs Debian's postgresql");
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void runQuietly(List<String> command) {
        try {
            run(command);
        } catch (RuntimeException e) {
            // stop() below kills it anyway
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left for the OS to clean
        }
    }
}
