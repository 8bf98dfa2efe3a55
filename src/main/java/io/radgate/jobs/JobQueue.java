package io.radgate.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable jobs over db-scheduler: {@link #submit} commits the jobs and their executions in one
 * transaction before it returns; worker threads (on whichever node polls first) run each job
 * through its {@link JobHandler} until its result is delivered or given up. A node that dies
 * mid-job stops heart-beating; after {@code missedHeartbeats} beats another node (or this one,
 * restarted) revives the execution and the job runs again from its last recorded state.
 */
public final class JobQueue implements AutoCloseable {
    static final String TASK = "radgate-job";
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
    private static final int MISSED_HEARTBEATS = 4;

    /** How the queue runs; see the {@code jobs.*} settings. */
    public record Options(int workers, Duration poll, Duration heartbeat, Duration retention, Duration housekeeping,
                          Duration shutdownWait) {
    }

    /** What {@link #submit} answered: the stored answer, and whether it was a repeat of an earlier request. */
    public record Submitted(String answer, boolean repeated) {
    }

    private final JobDatabase db;
    private final JobHandler handler;
    private final RetryPolicy retry;
    private final Options options;
    private final Clock clock;
    private final CustomTask<Void> task;
    private final Scheduler scheduler;

    public JobQueue(JobDatabase db, JobHandler handler, RetryPolicy retry, Options options, Clock clock) {
        this.db = db;
        this.handler = handler;
        this.retry = retry;
        this.options = options;
        this.clock = clock;
        this.task = Tasks.custom(TASK, Void.class)
                .onDeadExecutionRevive()
                .onFailure((complete, ops) -> {
                    // an unexpected failure (the database, a bug): the job stays, retried with backoff
                    int n = Math.min(complete.getExecution().consecutiveFailures, 6);
                    ops.reschedule(complete, clock.instant().plus(Duration.ofSeconds(5L << n)));
                })
                .execute((instance, ctx) -> step(instance.getId()));
        RecurringTask<Void> housekeeping = Tasks.recurring(TASK + "-housekeeping", FixedDelay.of(options.housekeeping()))
                .execute((instance, ctx) -> housekeep());
        var builder = Scheduler.create(db.dataSource(), task)
                .startTasks(housekeeping)
                .threads(options.workers())
                .pollingInterval(options.poll())
                .heartbeatInterval(options.heartbeat())
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .schedulerName(new SchedulerName.Fixed(nodeName()))
                .shutdownMaxWait(options.shutdownWait());
        if (db.kind() == JobDatabase.Kind.POSTGRES) {
            builder.pollUsingLockAndFetch(0.5, 1.0); // SELECT ... FOR UPDATE SKIP LOCKED
        }
        this.scheduler = builder.build();
    }

    public void start() {
        scheduler.start();
    }

    /**
     * Commits the jobs (and, with an idempotency key, the answer) in one transaction; returns
     * after the commit. A key seen before returns the earlier answer and submits nothing.
     *
     * @throws IdempotencyKeyReused when the key was used before for a different request
     */
    public Submitted submit(List<NewJob> jobs, String idempotencyKey, String fingerprint, String answer)
            throws SQLException {
        if (idempotencyKey != null) {
            Optional<Submitted> earlier = earlier(idempotencyKey, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Instant now = clock.instant();
        try {
            db.inTransaction(c -> {
                if (idempotencyKey != null) {
                    JobStore.saveAnswer(c, idempotencyKey, fingerprint, answer, now);
                }
                JobStore.insert(c, jobs, now);
                scheduler.scheduleBatch(jobs.stream().<TaskInstance<?>>map(j -> task.instance(j.id())).toList(), now);
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            if (idempotencyKey != null) {
                // the same key committed by a concurrent request: that one's answer is this one's
                Optional<Submitted> earlier = earlier(idempotencyKey, fingerprint);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            throw e;
        }
        // db-scheduler's own immediate execution would look before the commit; this looks after it
        scheduler.triggerCheckForDueExecutions();
        return new Submitted(answer, false);
    }

    private Optional<Submitted> earlier(String key, String fingerprint) throws SQLException {
        Optional<JobStore.Answer> prior = db.withConnection(c -> JobStore.answer(c, key));
        if (prior.isEmpty()) {
            return Optional.empty();
        }
        if (!prior.get().fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReused("Idempotency-Key was used before for a different request");
        }
        return Optional.of(new Submitted(prior.get().answer(), true));
    }

    /** The job as stored now (without its payload). */
    /** Jobs per state, as the store has them now (finished ones until retention deletes them). */
    public java.util.Map<JobState, Long> counts() throws SQLException {
        return db.withConnection(JobStore::countByState);
    }

    public Optional<Job> find(String id) throws SQLException {
        return db.withConnection(c -> JobStore.find(c, id, false));
    }

    /** One execution of a job: runs it if it has no result yet, then tries to deliver the result. */
    private CompletionHandler<Void> step(String id) {
        try {
            Optional<Job> found = db.withConnection(c -> JobStore.find(c, id, true));
            if (found.isEmpty() || found.get().state().finished()) {
                return done();
            }
            Job job = found.get();
            if (!job.state().hasResult()) {
                Optional<Instant> later = run(job);
                if (later.isPresent()) {
                    return later(later.get());
                }
                job = db.withConnection(c -> JobStore.find(c, id, false)).orElseThrow();
            }
            return deliver(job);
        } catch (SQLException e) {
            throw new IllegalStateException("job store: " + e.getMessage(), e);
        }
    }

    /** Runs the job and records its result; a time to try again when it failed transiently. */
    private Optional<Instant> run(Job job) throws SQLException {
        Instant now = clock.instant();
        db.withConnection(c -> {
            JobStore.running(c, job.id(), now);
            return null;
        });
        handler.changed(job, JobState.RUNNING, null);
        JobHandler.Result result;
        try {
            result = handler.run(job);
        } catch (JobHandler.RetryLater e) {
            Optional<Instant> next = retry.next(job.runAttempts() + 1, job.createdAt(), clock.instant());
            if (next.isPresent()) {
                db.withConnection(c -> {
                    JobStore.runDeferred(c, job.id(), e.getMessage(), clock.instant());
                    return null;
                });
                handler.changed(job, JobState.QUEUED, e.getMessage());
                return next;
            }
            result = handler.gaveUp(job, e.getMessage());
        }
        JobHandler.Result r = result;
        db.withConnection(c -> {
            JobStore.result(c, job.id(), r.ok(), r.document(), clock.instant());
            return null;
        });
        handler.changed(job, r.ok() ? JobState.COMPLETED : JobState.FAILED, null);
        return Optional.empty();
    }

    private CompletionHandler<Void> deliver(Job job) throws SQLException {
        JobHandler.Delivery d = handler.deliver(job, job.result());
        Instant now = clock.instant();
        switch (d.outcome()) {
            case DELIVERED -> {
                finish(job, JobState.DELIVERED, null, now);
                return done();
            }
            case GONE -> {
                finish(job, JobState.UNDELIVERED, d.detail(), now);
                return done();
            }
            default -> {
                db.withConnection(c -> {
                    JobStore.deliveryAttempt(c, job.id(), d.detail(), now);
                    return null;
                });
                handler.changed(job, job.state(), d.detail());
                Instant first = job.firstDeliveryAt() == null ? now : job.firstDeliveryAt();
                Optional<Instant> next = retry.next(job.deliveryAttempts() + 1, first, now);
                if (next.isPresent()) {
                    LOG.debug("job {}: delivery failed ({}), next attempt at {}", job.id(), d.detail(), next.get());
                    return later(next.get());
                }
                finish(job, JobState.UNDELIVERED, d.detail(), now);
                return done();
            }
        }
    }

    private void finish(Job job, JobState state, String error, Instant now) throws SQLException {
        db.withConnection(c -> {
            JobStore.finished(c, job.id(), state, error, now);
            return null;
        });
        handler.changed(job, state, error);
    }

    private static CompletionHandler<Void> done() {
        return (complete, ops) -> ops.remove();
    }

    private static CompletionHandler<Void> later(Instant when) {
        return (complete, ops) -> ops.reschedule(complete, when);
    }

    /** Schedules any unfinished job that lost its execution, and forgets what retention no longer keeps. */
    private void housekeep() {
        try {
            List<String> orphans = db.withConnection(c -> JobStore.unscheduled(c, TASK, 1000));
            for (String id : orphans) {
                scheduler.scheduleIfNotExists(task.instance(id), clock.instant());
            }
            Instant cutoff = clock.instant().minus(options.retention());
            int jobs = db.withConnection(c -> JobStore.deleteFinishedBefore(c, cutoff));
            int answers = db.withConnection(c -> JobStore.deleteAnswersBefore(c, cutoff));
            if (!orphans.isEmpty() || jobs > 0 || answers > 0) {
                LOG.info("job housekeeping: {} jobs rescheduled, {} finished jobs and {} idempotency answers removed",
                        orphans.size(), jobs, answers);
            }
        } catch (SQLException e) {
            LOG.warn("job housekeeping failed: {}", e.getMessage());
        }
    }

    private static String nodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "radgate";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stops polling; running jobs get {@code shutdownWait} to finish, the rest resume elsewhere or on restart. */
    @Override
    public void close() {
        scheduler.stop();
    }
}
