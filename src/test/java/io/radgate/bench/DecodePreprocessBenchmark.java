package io.radgate.bench;

import io.radgate.imaging.DicomReader;
import io.radgate.imaging.ImagingLimits;
import io.radgate.imaging.Instance;
import io.radgate.imaging.Raster;
import io.radgate.pixels.HounsfieldRescale;
import io.radgate.pixels.JavaPixelKernels;
import io.radgate.pixels.Letterbox;
import io.radgate.pixels.PixelKernels;
import io.radgate.pixels.ToUint8;
import io.radgate.pixels.VoiWindow;
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
 * One 512×512 signed 16-bit CT slice (the golden phantom {@code ct512_s16}) from DICOM bytes in
 * memory: {@code decode} is {@link DicomReader#read(byte[])} alone; {@code decodePreprocess} goes
 * on to HU (the file's RescaleSlope/Intercept) → window W/L 400/40 → uint8 → letterbox to
 * 1024×1024, with the plain Java kernels. The ND4J twin is {@code Nd4jDecodePreprocessBenchmark}
 * (src/nd4j/test; its {@code decode} is the same code as this one's).
 *
 * <p>Run (with {@code -Pnd4j} both; the regex leaves out the ND4J twin's duplicate decode):
 * {@code mvn -q -Pnd4j test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * -Dexec.args="-cp %classpath org.openjdk.jmh.Main 'DecodePreprocessBenchmark.decodePreprocess|^io.radgate.bench.DecodePreprocessBenchmark.decode$'
 * -f 2 -wi 3 -i 5 -w 1 -r 1"}. The DICOM files are made once by make_dicom_phantoms.py into
 * target/bench-dicom ({@link BenchDicom}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodePreprocessBenchmark {

    /** The transfer syntax: explicit VR little endian, JPEG lossless SV1 (.70), JPEG 2000 lossless (.90). */
    @Param({"explicit_le", "jpeg_lossless_70", "j2k_lossless_90"})
    public String syntax;

    private final DicomReader reader = new DicomReader(ImagingLimits.defaults());
    private final VoiWindow window = VoiWindow.linear(40, 400);
    private PixelKernels kernels;
    private byte[] file;

    /** The kernels under test; the ND4J benchmark overrides this. */
    protected PixelKernels kernels() {
        return JavaPixelKernels.INSTANCE;
    }

    @Setup
    public void setUp() {
        kernels = kernels();
        file = BenchDicom.bytes("ct512_s16__" + syntax + ".dcm");
        Instance in = reader.read(file);
        if (in.frames().size() != 1 || in.frame(1).width() != 512 || in.frame(1).height() != 512) {
            throw new IllegalStateException("unexpected golden file: " + in);
        }
    }

    @Benchmark
    public Instance decode() {
        return reader.read(file);
    }

    @Benchmark
    public byte[] decodePreprocess() {
        Instance in = reader.read(file);
        return preprocess(in, in.frame(1), window, kernels);
    }

    /** Stored values → HU → window → uint8 → letterbox to 1024×1024; the model input's bytes. */
    static byte[] preprocess(Instance in, Raster stored, VoiWindow window, PixelKernels kernels) {
        Raster hu = HounsfieldRescale.apply(stored, in.rescaleSlope(), in.rescaleIntercept(), kernels);
        Raster u8 = ToUint8.window(hu, window, kernels);
        return Letterbox.fit(u8, 1024, kernels).raster().u8Samples();
    }
}
