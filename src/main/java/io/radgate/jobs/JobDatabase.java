package io.radgate.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The job store's database: an H2 file (embedded, one node) or PostgreSQL (several replicas),
 * behind a connection pool, its schema brought up to date by Flyway on open.
 *
 * <p>{@link #dataSource()} is transaction-aware: inside {@link #inTransaction} every connection
 * the current thread asks for is the transaction's own, so db-scheduler's insert of a job's
 * execution commits together with the job's row (the answer "sent" never precedes both).
 */
public final class JobDatabase implements AutoCloseable {

    /** Which database holds the jobs. */
    public enum Kind { EMBEDDED, POSTGRES }

    /** Work done with the transaction's connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final Kind kind;
    private final HikariDataSource pool;
    private final TransactionBoundDataSource bound;

    private JobDatabase(Kind kind, HikariDataSource pool) {
        this.kind = kind;
        this.pool = pool;
        this.bound = new TransactionBoundDataSource(pool);
    }

    /**
     * An H2 database file in {@code dir}. WRITE_DELAY=0: each commit reaches the file before it
     * returns, so a job answered "sent" survives the process being killed at once after.
     */
    public static JobDatabase embedded(Path dir, int poolSize) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the job store directory " + dir + ": " + e.getMessage(), e);
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("jobs") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        return open(Kind.EMBEDDED, url, poolSize, "h2");
    }

    /** A PostgreSQL database; user and password travel in the URL's parameters. */
    public static JobDatabase postgres(String url, int poolSize) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the PostgreSQL job store needs a jdbc:postgresql: URL");
        }
        return open(Kind.POSTGRES, url, poolSize, "postgresql");
    }

    private static JobDatabase open(Kind kind, String url, int poolSize, String dialect) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setMaximumPoolSize(poolSize);
        hc.setPoolName("radgate-jobs");
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(15_000);
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/jobs/" + dialect)
                    .table("radgate_schema_history").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new JobDatabase(kind, pool);
    }

    public Kind kind() {
        return kind;
    }

    /** For db-scheduler: joins the current thread's transaction when there is one. */
    public DataSource dataSource() {
        return bound;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            bound.bind(c);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                bound.unbind();
                c.setAutoCommit(true);
            }
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T withConnection(SqlWork<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
