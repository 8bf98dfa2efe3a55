package io.radgate.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.testing.TritonProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden DICOM files under target/dicom-golden, with the manifest that describes them. The
 * build's test-data step (scripts/test-data.sh, in generate-test-resources) writes them with
 * src/test/python/make_dicom_phantoms.py (pydicom, dcmtk, gdcm) before any test runs.
 */
final class DicomGoldenData {
    private static Path dir;
    private static JsonNode manifest;

    private DicomGoldenData() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            Path d = TritonProcess.repoRoot().resolve("target/dicom-golden");
            Path m = d.resolve("manifest.json");
            if (!Files.exists(m)) {
                throw new IllegalStateException(m + " is missing: the build's test-data step makes it"
                        + " (mvn generate-test-resources, or scripts/test-data.sh)");
            }
            try {
                manifest = new ObjectMapper().readTree(m.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = d;
        }
        return dir;
    }

    static synchronized JsonNode manifest() {
        dir();
        return manifest;
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode geometry(String name) {
        for (JsonNode g : manifest().get("geometries")) {
            if (g.get("name").asText().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no geometry " + name);
    }

    /** The expected stored values of a geometry, as ints (frames × rows × columns × samples, interleaved). */
    static int[] expected(JsonNode geometry) {
        byte[] raw = bytes(geometry.get("expected_raw").asText());
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        boolean eight = geometry.get("bits_allocated").asInt() == 8;
        boolean signed = geometry.get("signed").asBoolean();
        int[] out = new int[eight ? raw.length : raw.length / 2];
        for (int i = 0; i < out.length; i++) {
            if (eight) {
                out[i] = signed ? raw[i] : raw[i] & 0xFF;
            } else {
                short s = b.getShort(2 * i);
                out[i] = signed ? s : s & 0xFFFF;
            }
        }
        return out;
    }
}
