package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden matrix: every phantom geometry in every transfer syntax (made by
 * make_dicom_phantoms.py with pydicom, dcmtk and gdcm) decodes to the source's stored values,
 * exactly for lossless syntaxes and within the manifest's stated tolerance for lossy ones
 * (JPEG baseline / extended: PSNR floor; JPEG 2000 lossy: PSNR floor; JPEG-LS near-lossless:
 * max |error| <= NEAR), with the geometry's tags. Prints the matrix (syntax × geometry →
 * pass/fail/skip) to the test output and to target/dicom-golden/matrix.md.
 */
class DicomGoldenTest {
    private final DicomReader reader = new DicomReader(ImagingLimits.defaults());

    @Test
    void everyGeometryInEverySyntaxDecodesToTheSourceValues() throws IOException {
        JsonNode manifest = DicomGoldenData.manifest();
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        Set<String> syntaxes = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        List<String> skips = new ArrayList<>();
        for (JsonNode cell : manifest.get("cells")) {
            String geometry = cell.get("geometry").asText();
            String syntax = cell.get("syntax").asText();
            syntaxes.add(syntax);
            String result;
            if (cell.has("skip")) {
                result = "skip";
                skips.add(geometry + " × " + syntax + ": " + cell.get("skip").asText());
            } else {
                String problem;
                try {
                    problem = check(cell, DicomGoldenData.geometry(geometry));
                } catch (RuntimeException e) {
                    problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                result = problem == null ? "pass" : "FAIL";
                if (problem != null) {
                    failures.add(geometry + " × " + syntax + ": " + problem);
                }
            }
            matrix.computeIfAbsent(geometry, k -> new LinkedHashMap<>()).put(syntax, result);
        }
        String table = render(matrix, syntaxes, failures, skips);
        System.out.println(table);
        Files.writeString(DicomGoldenData.dir().resolve("matrix.md"), table);
        assertTrue(failures.isEmpty(), "golden cells failed:\n" + String.join("\n", failures));
        assertTrue(matrix.values().stream().flatMap(m -> m.values().stream()).filter("pass"::equals).count() >= 90,
                "fewer golden cells ran than expected:\n" + table);
    }

    /** Null when the cell decodes as expected, else what is wrong. */
    private String check(JsonNode cell, JsonNode g) {
        Instance in = reader.read(DicomGoldenData.bytes(cell.get("file").asText()));
        InstancePixelFormat f = in.format();
        List<String> wrong = new ArrayList<>();
        expectEq(wrong, "rows", g.get("rows").asInt(), f.rows());
        expectEq(wrong, "columns", g.get("columns").asInt(), f.columns());
        expectEq(wrong, "frames", g.get("frames").asInt(), in.frames().size());
        expectEq(wrong, "NumberOfFrames", g.get("frames").asInt(), f.numberOfFrames());
        expectEq(wrong, "samples", g.get("samples").asInt(), f.samplesPerPixel());
        expectEq(wrong, "signed", g.get("signed").asBoolean(), f.signed());
        expectEq(wrong, "BitsStored", g.get("bits_stored").asInt(), f.bitsStored());
        expectEq(wrong, "photometric", g.get("photometric").asText(), f.photometricInterpretation());
        expectEq(wrong, "transfer syntax", cell.get("transfer_syntax_uid").asText(), in.transferSyntaxUid());
        if (!cell.get("syntax").asText().equals("j2k_lossy_91")) { // gdcm gives lossy copies a new UID, as it should
            expectEq(wrong, "SOPInstanceUID", g.get("sop_instance_uid").asText(), in.uids().sopInstance());
        }
        wrong.addAll(DicomTagExpectations.check(g.get("tags"), in));
        if (!wrong.isEmpty()) {
            return String.join("; ", wrong);
        }
        int[] expected = DicomGoldenData.expected(g);
        int[] actual = samples(in);
        if (actual.length != expected.length) {
            return "decoded " + actual.length + " samples, expected " + expected.length;
        }
        JsonNode tol = cell.get("tolerance");
        switch (tol.get("kind").asText()) {
            case "exact" -> {
                int mismatches = 0;
                int first = -1;
                for (int i = 0; i < expected.length; i++) {
                    if (expected[i] != actual[i]) {
                        mismatches++;
                        first = first < 0 ? i : first;
                    }
                }
                return mismatches == 0 ? null : mismatches + " samples differ (first at " + first + ": expected "
                        + expected[first] + ", got " + actual[first] + ")";
            }
            case "max_abs" -> {
                int near = tol.get("near").asInt();
                int max = maxAbs(expected, actual);
                return max <= near ? null : "max |error| " + max + " > NEAR " + near;
            }
            case "psnr" -> {
                double floor = tol.get("floor_db").asDouble();
                double psnr = psnr(expected, actual, (1 << g.get("bits_stored").asInt()) - 1);
                return psnr >= floor ? null : String.format("PSNR %.1f dB < floor %.1f dB", psnr, floor);
            }
            default -> {
                return "unknown tolerance " + tol;
            }
        }
    }

    static int[] samples(Instance in) {
        int n = in.frames().stream().mapToInt(Raster::sampleCount).sum();
        int[] out = new int[n];
        int k = 0;
        for (Raster r : in.frames()) {
            for (int i = 0; i < r.sampleCount(); i++) {
                out[k++] = (int) r.sample(i);
            }
        }
        return out;
    }

    static int maxAbs(int[] a, int[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static double psnr(int[] a, int[] b, double peak) {
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            se += d * d;
        }
        double mse = se / a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(peak * peak / mse);
    }

    private static void expectEq(List<String> wrong, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            wrong.add(what + " " + actual + " (expected " + expected + ")");
        }
    }

    private static String render(Map<String, Map<String, String>> matrix, Set<String> syntaxes, List<String> failures,
                                 List<String> skips) {
        StringBuilder sb = new StringBuilder("DICOM golden matrix (geometry × transfer syntax)\n\n| geometry |");
        syntaxes.forEach(s -> sb.append(' ').append(s).append(" |"));
        sb.append("\n|---|");
        syntaxes.forEach(s -> sb.append("---|"));
        sb.append('\n');
        long pass = 0;
        for (Map.Entry<String, Map<String, String>> row : matrix.entrySet()) {
            sb.append("| ").append(row.getKey()).append(" |");
            for (String s : syntaxes) {
                String r = row.getValue().getOrDefault(s, "");
                pass += r.equals("pass") ? 1 : 0;
                sb.append(' ').append(r).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\n").append(pass).append(" pass, ").append(failures.size()).append(" fail, ").append(skips.size())
                .append(" skip\n");
        if (!skips.isEmpty()) {
            sb.append("\nSkipped cells (the tool cannot make them):\n");
            skips.forEach(s -> sb.append("- ").append(s).append('\n'));
        }
        if (!failures.isEmpty()) {
            sb.append("\nFailures:\n");
            failures.forEach(s -> sb.append("- ").append(s).append('\n'));
        }
        return sb.toString();
    }

    @Test
    void aBareImplicitDatasetWithoutPreambleIsRead() {
        JsonNode special = DicomGoldenData.manifest().get("specials").get("bare_implicit");
        JsonNode g = DicomGoldenData.geometry(special.get("geometry").asText());
        Instance in = reader.read(DicomGoldenData.bytes(special.get("file").asText()));
        assertEquals("1.2.840.10008.1.2", in.transferSyntaxUid());
        int[] expected = DicomGoldenData.expected(g);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, samples(in));
    }
}
