package io.radgate.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.testing.PythonEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The images src/test/python/make_images.py writes (once per JVM), with what they must decode to. */
final class ImageFileTestCases {
    private static List<Case> cases;

    /** One file; {@code expected} and {@code cvGray} are null where the script wrote none. */
    record Case(String name, String format, byte[] data, Raster expected, int tolerance, int orientation, Raster cvGray) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ImageFileTestCases() {
    }

    static synchronized List<Case> all() {
        if (cases != null) {
            return cases;
        }
        try {
            Path dir = Files.createTempDirectory("radgate-images");
            PythonEnv.runScript("make_images.py", dir.toString());
            List<Case> out = new ArrayList<>();
            for (JsonNode e : new ObjectMapper().readTree(dir.resolve("manifest.json").toFile())) {
                String name = e.get("name").asText();
                Raster expected = null;
                if (e.has("width")) {
                    byte[] raw = Files.readAllBytes(dir.resolve(name + ".expected.raw"));
                    int w = e.get("width").asInt();
                    int h = e.get("height").asInt();
                    int ch = e.get("channels").asInt();
                    if (e.get("type").asText().equals("U16")) {
                        short[] s = new short[raw.length / 2];
                        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
                        expected = Raster.u16(w, h, ch, s);
                    } else {
                        expected = Raster.u8(w, h, ch, raw);
                    }
                }
                Raster cvGray = null;
                if (e.has("cvWidth")) {
                    cvGray = Raster.u8(e.get("cvWidth").asInt(), e.get("cvHeight").asInt(), 1,
                            Files.readAllBytes(dir.resolve(name + ".cvgray.raw")));
                }
                out.add(new Case(name, e.get("format").asText(), Files.readAllBytes(dir.resolve(name)), expected,
                        e.get("tolerance").asInt(), e.get("orientation").asInt(), cvGray));
            }
            cases = List.copyOf(out);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** The largest absolute difference between two rasters of the same shape; fails on a shape mismatch. */
    static double maxDifference(Raster expected, Raster actual) {
        if (expected.width() != actual.width() || expected.height() != actual.height()
                || expected.channels() != actual.channels()) {
            throw new AssertionError("expected " + expected + ", got " + actual);
        }
        double max = 0;
        for (int i = 0; i < expected.sampleCount(); i++) {
            max = Math.max(max, Math.abs(expected.sample(i) - actual.sample(i)));
        }
        return max;
    }

    /** Index and values of the first sample that differs, for failure messages. */
    static String firstDifference(Raster expected, Raster actual) {
        for (int i = 0; i < expected.sampleCount(); i++) {
            if (expected.sample(i) != actual.sample(i)) {
                int ch = expected.channels();
                int p = i / ch;
                return "first difference at x=" + p % expected.width() + " y=" + p / expected.width() + " c=" + i % ch
                        + ": expected " + expected.sample(i) + ", got " + actual.sample(i);
            }
        }
        return "no difference";
    }
}
