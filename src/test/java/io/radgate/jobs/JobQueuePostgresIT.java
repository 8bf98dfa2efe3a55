package io.radgate.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radgate.testing.PostgresProcess;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JobQueueTest}'s tests on a real PostgreSQL (a database of its own per test), and two queues sharing one. */
class JobQueuePostgresIT extends JobQueueTest {
    private static PostgresProcess postgres;
    private String url;

    @BeforeAll
    static void startPostgres() {
        postgres = new PostgresProcess().start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void newDatabase() {
        url = postgres.newDatabase();
    }

    @Override
    JobDatabase openDb() {
        return JobDatabase.postgres(url, 4);
    }

    @Test
    void twoQueuesOnOneDatabaseRunEachJobOnce() throws Exception {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        int n = 200;
        try (JobDatabase dbA = openDb(); JobDatabase dbB = openDb(); JobQueue qa = queue(dbA, a);
             JobQueue qb = queue(dbB, b)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "p" + i;
                ids.add(id);
                JobQueue q = i % 2 == 0 ? qa : qb;
                q.submit(List.of(new NewJob(id, "test", "s" + i, null)), null, null, "{}");
            }
            waitFor(() -> a.delivered.size() + b.delivered.size() >= n);
            Thread.sleep(500); // a job run twice would show up as a late extra delivery
            Map<String, Long> runs = new java.util.HashMap<>();
            for (Recorder r : List.of(a, b)) {
                r.payloads.keySet().forEach(id -> runs.merge(id, 1L, Long::sum));
            }
            assertEquals(List.of(), runs.entrySet().stream().filter(e -> e.getValue() > 1).toList(),
                    "no job ran on both queues");
            List<String> delivered = new ArrayList<>(a.delivered);
            delivered.addAll(b.delivered);
            Map<String, Long> perJob = delivered.stream().collect(
                    Collectors.groupingBy(d -> d.substring(0, d.indexOf('=')), Collectors.counting()));
            assertEquals(n, perJob.size());
            assertEquals(List.of(), perJob.entrySet().stream().filter(e -> e.getValue() > 1).toList(),
                    "each job delivered once: SELECT ... FOR UPDATE SKIP LOCKED gives each execution to one queue");
            System.out.printf("jobs on PostgreSQL, two queues: %d jobs, %d run by A, %d by B, 0 twice%n", n,
                    a.delivered.size(), b.delivered.size());
            for (String id : ids) {
                assertEquals(JobState.DELIVERED, waitState(qa, id));
            }
        }
    }
}
