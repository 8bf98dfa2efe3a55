package io.radgate.bench;

import io.radgate.imaging.Raster;
import io.radgate.pixels.HounsfieldRescale;
import io.radgate.pixels.JavaPixelKernels;
import io.radgate.pixels.Letterbox;
import io.radgate.pixels.PixelKernels;
import io.radgate.pixels.ToUint8;
import io.radgate.pixels.VoiWindow;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Preprocessing of one 16-bit CT slice with the plain Java kernels: stored S16 → HU (slope 1,
 * intercept -1024) → window W/L 400/40 → uint8 → letterbox to 1024×1024. {@code letterbox}
 * times the last step alone. The ND4J twin is {@code Nd4jPreprocessBenchmark} (src/nd4j/test).
 *
 * <p>Run both (without {@code -Pnd4j} only this one):
 * {@code mvn -q -Pnd4j test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * -Dexec.args="-cp %classpath org.openjdk.jmh.Main PreprocessBenchmark -f 2 -wi 3 -i 5 -w 1 -r 1"}.
 * Use {@code exec:exec}, not {@code exec:java}: under {@code exec:java} the forked benchmark JVMs
 * do not get the project's class path (ForkedMain not found). ND4J's OpenMP threads suffer badly
 * on a loaded machine; {@code OMP_NUM_THREADS=1} in the environment pins them to one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PreprocessBenchmark {

    /** Width x height of the slice. */
    @Param({"512x512", "512x400"})
    public String size;

    private PixelKernels kernels;
    private Raster slice;
    private Raster windowed;
    private final VoiWindow window = VoiWindow.linear(40, 400);

    /** The kernels under test; the ND4J benchmark overrides this. */
    protected PixelKernels kernels() {
        return JavaPixelKernels.INSTANCE;
    }

    @Setup
    public void setUp() {
        kernels = kernels();
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        slice = ctSlice(w, h);
        windowed = ToUint8.window(HounsfieldRescale.apply(slice, 1, -1024, kernels), window, kernels);
    }

    @Benchmark
    public byte[] preprocess() {
        Raster hu = HounsfieldRescale.apply(slice, 1, -1024, kernels);
        Raster u8 = ToUint8.window(hu, window, kernels);
        return Letterbox.fit(u8, 1024, kernels).raster().u8Samples();
    }

    @Benchmark
    public byte[] letterbox() {
        return Letterbox.fit(windowed, 1024, kernels).raster().u8Samples();
    }

    /** A synthetic CT-like slice: air around an elliptic body of soft tissue, a bright bone, noise. */
    static Raster ctSlice(int w, int h) {
        Random random = new Random(42);
        short[] stored = new short[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x - w / 2.0) / (w * 0.42);
                double dy = (y - h / 2.0) / (h * 0.38);
                double hu = dx * dx + dy * dy < 1 ? 40 : -1000;
                double bx = (x - w * 0.6) / (w * 0.05);
                double by = (y - h * 0.45) / (h * 0.05);
                if (bx * bx + by * by < 1) {
                    hu = 900;
                }
                stored[y * w + x] = (short) Math.round(hu + 1024 + random.nextGaussian() * 15);
            }
        }
        return Raster.s16(w, h, 1, stored);
    }
}
