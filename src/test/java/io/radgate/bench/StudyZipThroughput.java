package io.radgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.imaging.DicomReader;
import io.radgate.imaging.ImagingLimits;
import io.radgate.imaging.Instance;
import io.radgate.imaging.Series;
import io.radgate.imaging.SeriesSlice;
import io.radgate.imaging.SliceOrder;
import io.radgate.imaging.ZipSkipRule;
import io.radgate.imaging.ZipStreamReader;
import io.radgate.pixels.PixelKernelSelection;
import io.radgate.pixels.PixelKernels;
import io.radgate.pixels.VoiWindow;
import io.radgate.testing.PythonEnv;
import io.radgate.testing.TritonProcess;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A 300-slice 512×512 16-bit CT study streamed from a ZIP, as a study upload is handled:
 * {@link ZipStreamReader} → {@link DicomReader} → per slice HU → window 400/40 → uint8 →
 * letterbox 1024×1024 (the kernels of {@code -Dradgate.pixels.kernels}, plain Java by
 * default) → {@link SliceOrder}. Only the uint8 model inputs (1 MiB a slice) and a frameless
 * copy of each instance's tags are kept; compressed bytes and decoded rasters are dropped as
 * soon as a slice is done. The slices must come out in the spatial order make_study_zip.py
 * recorded. Not JMH: one study is seconds of work; warm-up runs, then the median of timed runs.
 *
 * <p>Workers: 0 decodes on the thread that reads the ZIP; N &gt; 0 hands each entry's bytes to N
 * decoding threads (at most 2N entries in flight).
 *
 * <p>Heap: before each run a System.gc() baseline; then the heap pools' peak usage (their
 * sum: an upper bound, pools peak at different moments) and the largest heap use a 2 ms sampler
 * saw (garbage included), both above the baseline; and what stays reachable after the run
 * (the model inputs). {@code --min-heap} finds the smallest -Xmx that completes a run, by
 * bisection over child JVMs (16 MiB steps) that get this JVM's other options (GC flags...).
 *
 * <p>Run: {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * -Dexec.args="-Xmx2g -cp %classpath io.radgate.bench.StudyZipThroughput"} (add
 * {@code --min-heap} after the class name for the heap search; {@code --zip NAME --workers N
 * --runs N --warmup N} to pick). The ZIPs are made once by src/test/python/make_study_zip.py
 * (pydicom + dcmtk) into target/bench-study.
 */
public final class StudyZipThroughput {
    private static final String[] ZIPS = {"ct300_explicit_le.zip", "ct300_jpeg_lossless_70.zip"};
    private static final int MODEL_SIZE = 1024;

    private final ImagingLimits limits = ImagingLimits.defaults();
    private final DicomReader reader = new DicomReader(limits);
    private final PixelKernels kernels = PixelKernelSelection.selected();
    private final VoiWindow window = VoiWindow.linear(40, 400);
    private final List<String> expectedOrder;

    private StudyZipThroughput(List<String> expectedOrder) {
        this.expectedOrder = expectedOrder;
    }

    /** What one run of one study gave. */
    record Run(int slices, long nanos, long retainedBytes, long poolPeakBytes, long sampledPeakBytes) {
    }

    /** One slice done: its tags without pixels, and its model input. */
    private record Done(Instance header, byte[] modelInput) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path dir = studyDir();
        JsonNode study = new ObjectMapper().readTree(dir.resolve("study.json").toFile());
        List<String> order = new ArrayList<>();
        study.get("spatial_order").forEach(n -> order.add(n.asText()));
        StudyZipThroughput bench = new StudyZipThroughput(order);
        List<String> zips = opt.containsKey("zip") ? List.of(opt.get("zip")) : List.of(ZIPS);
        List<Integer> workers = opt.containsKey("workers") ? List.of(Integer.parseInt(opt.get("workers")))
                : List.of(0, 2);
        if (opt.containsKey("min-heap")) {
            minHeap(dir, zips, workers);
            return;
        }
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "2"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "3"));
        boolean quiet = opt.containsKey("quiet");
        if (!quiet) {
            System.out.printf("java %s, %d CPUs, max heap %d MiB, kernels %s%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    bench.kernels.getClass().getSimpleName());
            System.out.println("| zip | MiB | workers | slices | wall s (median of " + runs + ") | slices/s | "
                    + "retained MiB | pool-peak MiB | sampled-peak MiB |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
        }
        for (String zip : zips) {
            Path path = dir.resolve(zip);
            for (int w : workers) {
                for (int i = 0; i < warmup; i++) {
                    bench.run(path, w);
                }
                List<Run> timed = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    timed.add(bench.run(path, w));
                }
                timed.sort((a, b) -> Long.compare(a.nanos, b.nanos));
                Run m = timed.get(timed.size() / 2);
                if (!quiet) {
                    System.out.printf("| %s | %.1f | %d | %d | %.2f | %.1f | %.1f | %.1f | %.1f |%n", zip,
                            Files.size(path) / 1048576.0, w, m.slices, m.nanos / 1e9, m.slices / (m.nanos / 1e9),
                            m.retainedBytes / 1048576.0, max(timed, Run::poolPeakBytes) / 1048576.0,
                            max(timed, Run::sampledPeakBytes) / 1048576.0);
                }
            }
        }
    }

    /** Streams one study through the pipeline and checks the result. */
    Run run(Path zip, int workers) throws Exception {
        HeapWatch watch = HeapWatch.start();
        long start = System.nanoTime();
        Map<String, Done> done = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService pool = workers > 0 ? Executors.newFixedThreadPool(workers) : null;
        Semaphore inFlight = new Semaphore(Math.max(1, 2 * workers));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(zip), 1 << 16)) {
            new ZipStreamReader(limits, ZipSkipRule.CT_CLIP).read(in, entry -> {
                byte[] bytes = entry.readAllBytes();
                if (pool == null) {
                    slice(bytes, done);
                    return;
                }
                inFlight.acquireUninterruptibly();
                pool.execute(() -> {
                    try {
                        slice(bytes, done);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        inFlight.release();
                    }
                });
            });
        } finally {
            if (pool != null) {
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.MINUTES);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a slice failed", failure.get());
        }
        List<Instance> headers = new ArrayList<>();
        done.values().forEach(d -> headers.add(d.header));
        Series series = SliceOrder.order(headers);
        List<byte[]> volume = new ArrayList<>();
        List<String> got = new ArrayList<>();
        for (SeriesSlice s : series.timepoints().get(0).slices()) {
            got.add(s.instance().uids().sopInstance());
            volume.add(done.get(s.instance().uids().sopInstance()).modelInput);
        }
        long nanos = System.nanoTime() - start;
        done.clear();
        if (!got.equals(expectedOrder) || series.timepoints().size() != 1) {
            throw new IllegalStateException("slices out of spatial order (or not one timepoint)");
        }
        HeapWatch.Peaks peaks = watch.stop();
        long retained = HeapWatch.usedAfterGc() - watch.baseline;
        if (volume.size() != expectedOrder.size()) {
            throw new IllegalStateException("lost the volume");
        }
        return new Run(volume.size(), nanos, retained, peaks.pools, peaks.sampled);
    }

    /** Decodes one DICOM file, keeps its tags and its 1024×1024 uint8 model input. */
    private void slice(byte[] file, Map<String, Done> done) {
        Instance in = reader.read(file);
        byte[] input = DecodePreprocessBenchmark.preprocess(in, in.frame(1), window, kernels);
        if (input.length != MODEL_SIZE * MODEL_SIZE) {
            throw new IllegalStateException("model input of " + input.length + " bytes");
        }
        Instance header = new Instance(in.uids(), in.transferSyntaxUid(), in.modality(), in.format(),
                in.rescaleSlope(), in.rescaleIntercept(), in.windowCenter(), in.windowWidth(), in.instanceNumber(),
                in.convolutionKernel(), in.filterType(), in.plane(), in.time(), in.framePlanes(),
                in.frameTemporalIndices(), List.of());
        done.put(in.uids().sopInstance(), new Done(header, input));
    }

    /** Bisects -Xmx over child JVMs that each run the study once. */
    private static void minHeap(Path dir, List<String> zips, List<Integer> workers) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.out.println("| zip | workers | smallest -Xmx that completes (MiB) | largest that fails |");
        System.out.println("|---|---|---|---|");
        for (String zip : zips) {
            for (int w : workers) {
                int fail = 256;
                int ok = 2048;
                if (!completes(java, zip, w, ok)) {
                    System.out.printf("| %s | %d | > %d | |%n", zip, w, ok);
                    continue;
                }
                while (ok - fail > 16) {
                    int mid = (ok + fail) / 2;
                    if (completes(java, zip, w, mid)) {
                        ok = mid;
                    } else {
                        fail = mid;
                    }
                }
                System.out.printf("| %s | %d | %d | %d |%n", zip, w, ok, fail);
            }
        }
    }

    private static boolean completes(String java, String zip, int workers, int mib) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + mib + "m", "-XX:+ExitOnOutOfMemoryError"));
        // this JVM's other options (GC flags, -Dradgate.pixels.kernels) apply to the children too
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Xmx") && !a.startsWith("-XX:MaxHeapSize")).forEach(cmd::add);
        cmd.addAll(List.of("-Dradgate.repo.root=" + TritonProcess.repoRoot(), "-cp",
                System.getProperty("java.class.path"), StudyZipThroughput.class.getName(), "--zip", zip, "--workers",
                String.valueOf(workers), "--warmup", "0", "--runs", "1", "--quiet"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    /** target/bench-study, made by make_study_zip.py when its study.json is missing. */
    private static Path studyDir() {
        Path d = TritonProcess.repoRoot().resolve("target/bench-study");
        if (!Files.exists(d.resolve("study.json"))) {
            PythonEnv.runScript("make_study_zip.py", d.toString());
        }
        return d;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new ConcurrentHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + a);
            }
            boolean flag = a.equals("--min-heap") || a.equals("--quiet");
            opt.put(a.substring(2), flag ? "true" : args[++i]);
        }
        return opt;
    }

    private static long max(List<Run> runs, java.util.function.ToLongFunction<Run> f) {
        return runs.stream().mapToLong(f).max().orElse(0);
    }

    /** Heap use during one run, above a System.gc() baseline. */
    private static final class HeapWatch {
        record Peaks(long pools, long sampled) {
        }

        private final long baseline;
        private final List<MemoryPoolMXBean> heapPools;
        private final Thread sampler;
        private volatile boolean running = true;
        private volatile long sampledMax;

        private HeapWatch(long baseline) {
            this.baseline = baseline;
            heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            sampler = new Thread(() -> {
                while (running) {
                    sampledMax = Math.max(sampledMax, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        static HeapWatch start() {
            return new HeapWatch(usedAfterGc());
        }

        Peaks stop() throws InterruptedException {
            running = false;
            sampler.join();
            long pools = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Peaks(pools - baseline, sampledMax - baseline);
        }

        static long usedAfterGc() {
            long[] used = new long[3];
            for (int i = 0; i < used.length; i++) {
                System.gc();
                used[i] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
            return Arrays.stream(used).min().orElse(0);
        }
    }
}
