package io.radgate.imaging;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a benchmark and not asserted: a quick warm timing loop for one 512×512 signed 16-bit CT
 * frame per transfer syntax (the JMH benchmark of issue 3 measures decode + preprocess).
 * Run with {@code mvn test -Dtest=DicomDecodeTiming -Dradgate.dicom.timing=true}.
 */
@EnabledIfSystemProperty(named = "radgate.dicom.timing", matches = "true")
class DicomDecodeTiming {
    @Test
    void warmDecodeOf512x512Frame() {
        DicomReader reader = new DicomReader(ImagingLimits.defaults());
        StringBuilder sb = new StringBuilder("Warm decode, one 512x512 16-bit frame (ct512_s16), ms per file\n\n"
                + "| syntax | median | mean | min | runs |\n|---|---|---|---|---|\n");
        for (String syntax : List.of("explicit_le", "implicit_le", "big_endian", "deflate", "rle", "jpeg_lossless_57",
                "jpeg_lossless_70", "j2k_lossless_90", "j2k_lossy_91", "jpegls_lossless_80")) {
            byte[] file = DicomGoldenData.bytes("ct512_s16__" + syntax + ".dcm");
            boolean child = syntax.startsWith("jpegls");
            int warm = child ? 10 : 150;
            int runs = child ? 30 : 150;
            for (int i = 0; i < warm; i++) {
                reader.read(file);
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                reader.read(file);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            sb.append(String.format("| %s%s | %.2f | %.2f | %.2f | %d |%n", syntax, child ? " (dcmtk child)" : "",
                    sorted[runs / 2], Arrays.stream(ms).average().orElse(0), sorted[0], runs));
        }
        System.out.println(sb);
    }
}
