package io.radgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.config.Setting;
import io.radgate.testing.TritonProcess;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The memory attack run of issue 8, seeded and repeatable: radgate as shipped (the -all jar) in
 * a CHILD JVM with {@code -Xmx512m}, in front of the real Triton, gets every attack that made it
 * run out of memory. Every attack must be answered (within a deadline) with a 4xx naming the
 * limit or a 503 + Retry-After from the memory budget, {@code /health/live} must keep answering
 * 200 within 2 s throughout, a normal request must succeed right after, and the child's log must
 * hold no OutOfMemoryError. Peak heap (GC log), peak RSS (VmHWM) and the time to recover are
 * printed. {@code -Dradgate.attack.jar=...} runs it against another build (for example main).
 */
class MemoryAttackIT {
    private static final String KEY = "attack-test-key";
    private static final long SEED = 8;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** How long a normal request may take to succeed again after the attack ("within seconds"). */
    private static final int RECOVERY_SECONDS = 10;
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Setting, Integer> ports = new EnumMap<>(Setting.class);
    private final List<String> report = new ArrayList<>();

    @Test
    void everyMemoryAttackIsRefusedInTimeAndRadgateStaysHealthy() throws Exception {
        TritonProcess triton = new TritonProcess("memory-attack", "prompted_seg");
        triton.start();
        Path jar = jar();
        Path gcLog = Files.createTempFile("radgate-attack-gc", ".log");
        File log = File.createTempFile("radgate-attack", ".log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseG1GC", "-Xlog:gc:file=" + gcLog, "-jar", jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put(Setting.TRITON_TARGETS.envVar(), triton.grpcTarget());
        pb.environment().put(Setting.MEDIMAGEPARSE_KEYS.envVar(), KEY);
        for (Setting s : List.of(Setting.HTTP_PORT, Setting.GRPC_PORT, Setting.ARTERYS_PORT, Setting.MDAI_PORT,
                Setting.MEDIMAGEPARSE_PORT, Setting.CTCLIP_PORT)) {
            ports.put(s, freePort());
            pb.environment().put(s.envVar(), String.valueOf(ports.get(s)));
        }
        Process child = pb.start();
        HealthWatch health = new HealthWatch(url(Setting.HTTP_PORT, "/health/live"));
        try {
            awaitReady(log);
            report.add("a normal /score before the attack: answered 200 after " + recover() + " ms");
            health.start();
            attack();
            long recoveredMs = recover();
            report.add("time to answer a normal /score 200 after the attack: " + recoveredMs + " ms");
            health.stop();
            report.add("health/live during the attack: " + health.polls.get() + " polls, slowest "
                    + health.slowestMs.get() + " ms, failures " + health.failures.get());
            report.add("child peak heap (GC log, before a collection): " + peakHeapMb(gcLog) + " MiB of 512");
            report.add("child peak RSS (VmHWM): " + vmHwm(child.pid()));
            assertEquals(0, health.failures.get(), "/health/live failed or was slower than 2 s during the attack");
        } finally {
            health.stop();
            child.destroy();
            child.waitFor(30, TimeUnit.SECONDS);
            triton.stop();
            report.forEach(l -> System.out.println("[memory-attack] " + l));
        }
        String childLog = Files.readString(log.toPath());
        long ooms = childLog.split("OutOfMemoryError", -1).length - 1;
        System.out.println("[memory-attack] OutOfMemoryError mentions in the child's log: " + ooms);
        Files.deleteIfExists(gcLog);
        Files.deleteIfExists(Path.of(gcLog + ".0"));
        assertFalse(ooms > 0, "the child ran out of memory (log kept: " + log + "): " + excerpt(childLog));
        Files.deleteIfExists(log.toPath());
    }

    private void attack() throws Exception {
        String score = url(Setting.MEDIMAGEPARSE_PORT, "/score");
        byte[] flood = AttackBodies.scoreOfSize(63_000_000, SEED);
        // 1. 8 concurrent 63 MB bodies without a key: 401 each, no body held
        for (Result r : concurrently(8, () -> post(score, "application/json", flood))) {
            expect(r, "63 MB /score without a key", 401, "Authorization");
        }
        // 2. the same with the key: the budget admits what fits, the rest is 503 + Retry-After at once
        int refused = 0;
        // (the JDK client sends the whole body before it reads the answer, so the times below include
        // the upload; BodiesBeforeMemoryTest shows the refusal comes on the headers)
        for (Result r : concurrently(8, () -> post(score, "application/json", flood, "Authorization", "Bearer " + KEY))) {
            if (r.status == 503) {
                refused++;
                assertEquals("2", r.retryAfter, "a budget refusal says when to retry");
                assertTrue(r.body.contains("memory budget"), r.body);
                report.add("63 MB /score with the key: 503 in " + r.millis + " ms");
                assertTrue(r.millis < DEADLINE.toMillis(), "took " + r.millis + " ms");
            } else {
                expect(r, "63 MB /score with the key (admitted: random bytes are no image)", 415, "row 0");
            }
        }
        assertTrue(refused > 0, "8 concurrent 63 MB bodies fit a 512 MiB heap's budget? none was refused");
        byte[] huge = AttackBodies.png(16384, 16384, false);
        report.add("16384x16384 gray PNG: " + huge.length + " bytes");
        expect(post(url(Setting.MDAI_PORT, "/inference"), "application/msgpack", AttackBodies.mdai(huge)),
                "16384^2 PNG to MD.ai", 413, "imaging.max-decoded-bytes");
        expect(post(score, "application/json", AttackBodies.score(new byte[][] {huge}, "bright"),
                "Authorization", "Bearer " + KEY), "16384^2 PNG to MedImageParse", 413, "imaging.max-decoded-bytes");
        byte[] rgb = AttackBodies.png(9400, 9400, true);
        expect(post(score, "application/json", AttackBodies.score(new byte[][] {rgb}, "bright"),
                "Authorization", "Bearer " + KEY), "9400^2 RGB PNG to MedImageParse", 413, "imaging.max-decoded-bytes");
        byte[][] rows = new byte[50][];
        java.util.Arrays.fill(rows, AttackBodies.png(64, 64, false));
        expect(post(score, "application/json", AttackBodies.score(rows, "bright"), "Authorization", "Bearer " + KEY),
                "MedImageParse with 50 rows", 413, "medimageparse.max-masks");
        Path zip = Files.createTempFile("radgate-attack", ".zip");
        try {
            AttackBodies.storedZip(zip, "series/slice-0001.dcm", 300L << 20);
            expect(uploadZip(url(Setting.CTCLIP_PORT, "/predict"), zip), "CT-CLIP ZIP with one stored 300 MB entry",
                    413, "imaging.max-file-bytes");
        } finally {
            Files.deleteIfExists(zip);
        }
        String boundary = "attack" + SEED;
        expect(post(url(Setting.ARTERYS_PORT, "/"), "multipart/related; boundary=" + boundary,
                AttackBodies.arterys(boundary, 10_000, SEED)), "10,000 tiny DICOM parts to Arterys", 413,
                "arterys.max-parts");
    }

    /** Milliseconds until a normal /score (one small PNG, one prompt) answers 200. */
    private long recover() throws Exception {
        byte[] normal = AttackBodies.score(new byte[][] {AttackBodies.png(96, 64, false)}, "bright");
        long t0 = System.nanoTime();
        Result last = null;
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(RECOVERY_SECONDS)) {
            last = post(url(Setting.MEDIMAGEPARSE_PORT, "/score"), "application/json", normal, "Authorization",
                    "Bearer " + KEY);
            if (last.status == 200) {
                assertTrue(last.body.startsWith("[{\"image_features\""), last.body);
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no normal request succeeded within " + RECOVERY_SECONDS + " s: " + last);
    }

    private record Result(int status, String body, String retryAfter, long millis) {
    }

    private void expect(Result r, String what, int status, String inBody) {
        report.add(what + ": " + r.status + " in " + r.millis + " ms");
        assertEquals(status, r.status, what + ": " + r.body);
        assertTrue(r.body.contains(inBody), what + ": the answer names " + inBody + ": " + r.body);
        assertTrue(r.millis < DEADLINE.toMillis(), what + " took " + r.millis + " ms");
    }

    private interface Call {
        Result call() throws Exception;
    }

    private static List<Result> concurrently(int n, Call call) throws Exception {
        List<CompletableFuture<Result>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return call.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Result> out = new ArrayList<>();
        for (CompletableFuture<Result> f : all) {
            out.add(f.get(DEADLINE.toSeconds() * 2, TimeUnit.SECONDS));
        }
        return out;
    }

    private Result post(String url, String contentType, byte[] body, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    private Result uploadZip(String url, Path zip) throws Exception {
        String boundary = "----attackzip" + SEED;
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"study.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(zip), HttpRequest.BodyPublishers.ofByteArray(tail))));
    }

    private Result send(HttpRequest.Builder b, String... headers) throws Exception {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(b.timeout(DEADLINE).build(), HttpResponse.BodyHandlers.ofString());
        return new Result(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Polls /health/live every 200 ms; a poll that fails, is not 200 or takes over 2 s counts as a failure. */
    private final class HealthWatch {
        private final String url;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong polls = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong slowestMs = new AtomicLong();
        private Thread thread;

        HealthWatch(String url) {
            this.url = url;
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                while (running.get()) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (Exception e) {
                        ok = false;
                    }
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    slowestMs.accumulateAndGet(ms, Math::max);
                    polls.incrementAndGet();
                    if (!ok || ms > 2000) {
                        failures.incrementAndGet();
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "health-watch");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(5000);
            }
        }
    }

    private void awaitReady(File log) throws Exception {
        String live = url(Setting.HTTP_PORT, "/health/ready");
        for (int i = 0; i < 300; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(live)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("radgate never became ready:\n" + Files.readString(log.toPath()));
    }

    private String url(Setting port, String path) {
        return "http://127.0.0.1:" + ports.get(port) + path;
    }

    private static Path jar() throws Exception {
        String given = System.getProperty("radgate.attack.jar");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        try (var files = Files.list(TritonProcess.repoRoot().resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-all.jar")).findFirst().orElseThrow();
        }
    }

    /** The largest heap occupancy a collection found (MiB), from unified GC logging. */
    static long peakHeapMb(Path gcLog) throws Exception {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak;
    }

    private static String vmHwm(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM unknown").replaceAll("\\s+", " ");
        } catch (Exception e) {
            return "VmHWM unavailable (" + e.getMessage() + ")";
        }
    }

    private static String excerpt(String log) {
        int i = log.indexOf("OutOfMemoryError");
        return log.substring(Math.max(0, i - 500), Math.min(log.length(), i + 500));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
