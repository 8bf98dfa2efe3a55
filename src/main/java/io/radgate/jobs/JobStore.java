package io.radgate.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of radgate's job rows and idempotency answers (the same on H2 and PostgreSQL). */
final class JobStore {
    private static final int BATCH = 500;
    private static final String COLUMNS = "id, kind, state, spec, result, run_attempts, delivery_attempts, last_error, "
            + "created_at, updated_at, first_delivery_at";

    /** A stored answer to an Idempotency-Key, and the fingerprint of the request that made it. */
    record Answer(String fingerprint, String answer) {
    }

    private JobStore() {
    }

    static void insert(Connection c, List<NewJob> jobs, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into radgate_job (id, kind, state, spec, payload, "
                + "created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (NewJob j : jobs) {
                ps.setString(1, j.id());
                ps.setString(2, j.kind());
                ps.setString(3, JobState.QUEUED.name());
                ps.setString(4, j.spec());
                if (j.payload() == null) {
                    ps.setNull(5, Types.BINARY);
                } else {
                    ps.setBytes(5, j.payload());
                }
                ps.setObject(6, utc(now));
                ps.setObject(7, utc(now));
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    static Optional<Job> find(Connection c, String id, boolean withPayload) throws SQLException {
        String sql = "select " + COLUMNS + (withPayload ? ", payload" : "") + " from radgate_job where id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Job(rs.getString(1), rs.getString(2), JobState.valueOf(rs.getString(3)),
                        rs.getString(4), withPayload ? rs.getBytes(12) : null, rs.getString(5), rs.getInt(6),
                        rs.getInt(7), rs.getString(8), instant(rs, 9), instant(rs, 10), instant(rs, 11)));
            }
        }
    }

    static void running(Connection c, String id, Instant now) throws SQLException {
        update(c, "update radgate_job set state = ?, run_attempts = run_attempts + 1, updated_at = ? where id = ?",
                JobState.RUNNING.name(), now, id);
    }

    static void runDeferred(Connection c, String id, String error, Instant now) throws SQLException {
        update(c, "update radgate_job set state = ?, last_error = ?, updated_at = ? where id = ?",
                JobState.QUEUED.name(), error, now, id);
    }

    /** The result is known: the payload is no longer needed and is dropped. */
    static void result(Connection c, String id, boolean ok, String result, Instant now) throws SQLException {
        update(c, "update radgate_job set state = ?, result = ?, payload = null, updated_at = ? where id = ?",
                (ok ? JobState.COMPLETED : JobState.FAILED).name(), result, now, id);
    }

    static void deliveryAttempt(Connection c, String id, String error, Instant now) throws SQLException {
        update(c, "update radgate_job set delivery_attempts = delivery_attempts + 1, last_error = ?, "
                + "first_delivery_at = coalesce(first_delivery_at, ?), updated_at = ? where id = ?", error, now, now, id);
    }

    static void finished(Connection c, String id, JobState state, String error, Instant now) throws SQLException {
        update(c, "update radgate_job set state = ?, last_error = coalesce(?, last_error), payload = null, "
                + "updated_at = ?, finished_at = ? where id = ?", state.name(), error, now, now, id);
    }

    static Optional<Answer> answer(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select fingerprint, answer from radgate_idempotency where idem_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Answer(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    static void saveAnswer(Connection c, String key, String fingerprint, String answer, Instant now)
            throws SQLException {
        update(c, "insert into radgate_idempotency (idem_key, fingerprint, answer, created_at) values (?, ?, ?, ?)",
                key, fingerprint, answer, now);
    }

    /** Unfinished jobs with no scheduled execution (none should exist; housekeeping repairs any). */
    /** How many jobs are in each state (states with none are absent). */
    static java.util.Map<JobState, Long> countByState(Connection c) throws SQLException {
        java.util.Map<JobState, Long> out = new java.util.EnumMap<>(JobState.class);
        try (PreparedStatement ps = c.prepareStatement("select state, count(*) from radgate_job group by state");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(JobState.valueOf(rs.getString(1)), rs.getLong(2));
            }
        }
        return out;
    }

    static List<String> unscheduled(Connection c, String taskName, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select j.id from radgate_job j where j.state in (?, ?, ?, ?) "
                + "and not exists (select 1 from scheduled_tasks t where t.task_name = ? and t.task_instance = j.id)")) {
            ps.setString(1, JobState.QUEUED.name());
            ps.setString(2, JobState.RUNNING.name());
            ps.setString(3, JobState.COMPLETED.name());
            ps.setString(4, JobState.FAILED.name());
            ps.setString(5, taskName);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static int deleteFinishedBefore(Connection c, Instant cutoff) throws SQLException {
        return update(c, "delete from radgate_job where finished_at is not null and finished_at < ?", cutoff);
    }

    static int deleteAnswersBefore(Connection c, Instant cutoff) throws SQLException {
        return update(c, "delete from radgate_idempotency where created_at < ?", cutoff);
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a instanceof Instant t) {
                    ps.setObject(i + 1, utc(t));
                } else if (a == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setString(i + 1, a.toString());
                }
            }
            return ps.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
