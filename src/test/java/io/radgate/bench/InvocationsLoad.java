package io.radgate.bench;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.radgate.config.Setting;
import io.radgate.testing.PostgresProcess;
import io.radgate.testing.TestRadgate;
import io.radgate.testing.TritonProcess;
import io.radgate.triton.proto.GRPCInferenceServiceGrpc;
import io.radgate.triton.proto.ModelInferRequest;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Load driver for the invocations gateway: {@code n} uploads of a 512×512 PNG from {@code c}
 * concurrent clients to POST /invocations, timed from the first request to the last webhook
 * (jobs/s), with p50/p99 of the immediate "sent" answer and of request → webhook; once with the
 * embedded job store and once with PostgreSQL. In the same run, interleaved round by round, the
 * same model on the same pixels called directly on Triton over gRPC with the same concurrency
 * (what a client that decodes the PNG itself and waits for the answer gets).
 *
 * <p>Real parts: Triton (boundary_polyline), PostgreSQL, a webhook receiver on loopback; radgate
 * runs in this JVM. Run:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dmain.class=io.radgate.bench.InvocationsLoad
 * -Dexec.args="500 16 3"} (jobs per round, concurrency, rounds). A markdown table goes to
 * stdout and target/bench/invocations.md.
 */
public final class InvocationsLoad {
    private static final String MODEL = "boundary_polyline";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private InvocationsLoad() {
    }

    /** One measured round of one path. */
    record Round(String path, int jobs, double seconds, double[] answerMs, double[] endToEndMs, double jvmCpuMs,
                 double tritonCpuMs) {
        double perSecond() {
            return jobs / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int c = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        byte[] pixels = layer(512, 512, 200);
        byte[] png = png(pixels, 512, 512);
        TritonProcess triton = new TritonProcess("bench-invocations", MODEL);
        triton.start();
        List<Round> results = new ArrayList<>();
        try (Receiver receiver = new Receiver(); PostgresProcess postgres = new PostgresProcess().start()) {
            Map<Setting, String> common = Map.of(Setting.INVOCATIONS_WEBHOOK_ALLOW, "127.0.0.1",
                    Setting.INVOCATIONS_MODEL, MODEL);
            TestRadgate embedded = TestRadgate.start(triton.grpcTarget(), merge(common,
                    Map.of(Setting.JOBS_STORE, "embedded")));
            TestRadgate pg = TestRadgate.start(triton.grpcTarget(), merge(common,
                    Map.of(Setting.JOBS_STORE, "postgres", Setting.JOBS_POSTGRES_URL, postgres.newDatabase())));
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", triton.grpcPort()).usePlaintext()
                    .build();
            try {
                var stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
                ModelInferRequest direct = directRequest(pixels);
                Runnable directCall = () -> stub.modelInfer(direct);
                // warm-up: JIT, connections, Triton's model instances, the stores' first pages
                direct("Triton gRPC direct", n / 2, c, directCall);
                invocations("warm-up", embedded, receiver, n / 2, c, png);
                invocations("warm-up", pg, receiver, n / 2, c, png);
                for (int r = 0; r < rounds; r++) {
                    results.add(cpu(triton, () -> direct("Triton gRPC direct (same pixels)", n, c, directCall)));
                    results.add(cpu(triton, () -> invocations("radgate /invocations, embedded H2", embedded, receiver,
                            n, c, png)));
                    results.add(cpu(triton, () -> invocations("radgate /invocations, PostgreSQL", pg, receiver, n, c,
                            png)));
                }
            } finally {
                channel.shutdownNow();
                embedded.close();
                pg.close();
            }
            if (receiver.failed.get() > 0) {
                throw new IllegalStateException(receiver.failed.get() + " webhooks were not COMPLETED");
            }
        } finally {
            triton.stop();
        }
        String table = table(n, c, rounds, results);
        System.out.println(table);
        Path out = Path.of("target/bench/invocations.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.exit(0);
    }

    private interface Measured {
        Round run() throws Exception;
    }

    /** The round, with the CPU time this JVM (radgate, clients, receiver) and Triton spent on it. */
    private static Round cpu(TritonProcess triton, Measured m) throws Exception {
        java.time.Duration jvm0 = ProcessHandle.current().info().totalCpuDuration().orElseThrow();
        java.time.Duration triton0 = triton.cpuTime();
        Round r = m.run();
        double jvm = (ProcessHandle.current().info().totalCpuDuration().orElseThrow().minus(jvm0)).toNanos() / 1e6;
        double t = triton.cpuTime().minus(triton0).toNanos() / 1e6;
        return new Round(r.path(), r.jobs(), r.seconds(), r.answerMs(), r.endToEndMs(), jvm / r.jobs(), t / r.jobs());
    }

    private static Round direct(String name, int n, int c, Runnable call) throws Exception {
        double[] ms = new double[n];
        ExecutorService pool = Executors.newFixedThreadPool(c);
        long t0 = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            all.add(pool.submit(() -> {
                long s = System.nanoTime();
                call.run();
                ms[k] = (System.nanoTime() - s) / 1e6;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return new Round(name, n, seconds, ms, ms, 0, 0);
    }

    private static Round invocations(String name, TestRadgate radgate, Receiver receiver, int n, int c, byte[] png)
            throws Exception {
        String url = radgate.url("invocations", "/invocations");
        String hook = receiver.url();
        double[] answerMs = new double[n];
        long[] sentAt = new long[n];
        String[] ids = new String[n];
        ExecutorService pool = Executors.newFixedThreadPool(c);
        long t0 = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            all.add(pool.submit(() -> {
                sentAt[k] = System.nanoTime();
                HttpResponse<String> r = upload(url, png, hook);
                answerMs[k] = (System.nanoTime() - sentAt[k]) / 1e6;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("answer " + r.statusCode() + ": " + r.body());
                }
                ids[k] = new JsonObject(r.body()).getString("request_uuid");
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        double[] endToEnd = new double[n];
        long last = t0;
        for (int i = 0; i < n; i++) {
            Long at;
            while ((at = receiver.arrived.get(ids[i])) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("job " + ids[i] + " never delivered");
                }
                Thread.sleep(5);
            }
            endToEnd[i] = (at - sentAt[i]) / 1e6;
            last = Math.max(last, at);
        }
        return new Round(name, n, (last - t0) / 1e9, answerMs, endToEnd, 0, 0);
    }

    private static HttpResponse<String> upload(String url, byte[] png, String hook) throws Exception {
        String boundary = "bench-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"oct.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Webhook-Url", hook)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ModelInferRequest directRequest(byte[] pixels) {
        byte[] params = "{}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytesTensor = ByteBuffer.allocate(4 + params.length).order(ByteOrder.LITTLE_ENDIAN);
        bytesTensor.putInt(params.length).put(params); // BYTES: 4-byte length, then the bytes
        return ModelInferRequest.newBuilder().setModelName(MODEL)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("IMAGE").setDatatype("UINT8")
                        .addShape(1).addShape(512).addShape(512))
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("INPUT_JSON_PARAMS")
                        .setDatatype("BYTES").addShape(1).addShape(1))
                .addRawInputContents(ByteString.copyFrom(pixels))
                .addRawInputContents(ByteString.copyFrom(bytesTensor.array())).build();
    }

    /** An OCT-like B-scan: dark above a wavy bright layer that starts near row {@code top}. */
    private static byte[] layer(int w, int h, int top) {
        byte[] px = new byte[w * h];
        for (int x = 0; x < w; x++) {
            int edge = top + (int) Math.round(20 * Math.sin(x / 40.0));
            for (int y = Math.max(edge, 0); y < h; y++) {
                px[y * w + x] = (byte) (180 + (x * 7 + y * 13) % 60);
            }
        }
        return px;
    }

    private static byte[] png(byte[] px, int w, int h) throws Exception {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        im.getRaster().setDataElements(0, 0, w, h, px);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(im, "png", out);
        return out.toByteArray();
    }

    private static Map<Setting, String> merge(Map<Setting, String> a, Map<Setting, String> b) {
        Map<Setting, String> m = new java.util.EnumMap<>(Setting.class);
        m.putAll(a);
        m.putAll(b);
        return m;
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(sorted.length * p))];
    }

    static String table(int n, int c, int rounds, List<Round> results) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%d jobs per round, %d concurrent clients, %d rounds (interleaved),"
                + " 512x512 8-bit PNG, model %s, %d cores%n%n", n, c, rounds, MODEL,
                Runtime.getRuntime().availableProcessors()));
        t.append("| path | round | jobs/s (request → result) | answer p50 ms | answer p99 ms"
                + " | request → result p50 ms | p99 ms | CPU ms/job: this JVM | Triton |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        for (Round r : results) {
            double[] a = r.answerMs().clone();
            double[] e = r.endToEndMs().clone();
            Arrays.sort(a);
            Arrays.sort(e);
            boolean direct = r.answerMs() == r.endToEndMs();
            t.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %s | %.0f | %.0f | %.1f | %.1f |%n", r.path(),
                    seen.merge(r.path(), 1, Integer::sum), r.perSecond(),
                    direct ? "–" : String.format(Locale.ROOT, "%.1f", pct(a, 0.5)),
                    direct ? "–" : String.format(Locale.ROOT, "%.1f", pct(a, 0.99)), pct(e, 0.5), pct(e, 0.99),
                    r.jvmCpuMs(), r.tritonCpuMs()));
        }
        return t.toString();
    }

    /** A webhook receiver on loopback that records when each request_uuid first arrived. */
    static final class Receiver implements AutoCloseable {
        final Map<String, Long> arrived = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        private final HttpServer server;

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!body.contains("\"COMPLETED\"")) {
                    failed.incrementAndGet();
                }
                String id = ex.getRequestHeaders().getFirst("webhook-id");
                if (id != null) {
                    arrived.putIfAbsent(id, System.nanoTime());
                }
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
