package io.radgate.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Compares an {@link Instance}'s tags with a manifest geometry's "tags" object (the values pydicom wrote). */
final class DicomTagExpectations {
    private DicomTagExpectations() {
    }

    static List<String> check(JsonNode tags, Instance in) {
        List<String> wrong = new ArrayList<>();
        number(wrong, tags, "RescaleSlope", in.rescaleSlope());
        number(wrong, tags, "RescaleIntercept", in.rescaleIntercept());
        number(wrong, tags, "WindowCenter", in.windowCenter());
        number(wrong, tags, "WindowWidth", in.windowWidth());
        number(wrong, tags, "SliceThickness", in.plane().sliceThickness());
        if (tags.has("InstanceNumber") && !Integer.valueOf(tags.get("InstanceNumber").asInt()).equals(in.instanceNumber())) {
            wrong.add("InstanceNumber " + in.instanceNumber());
        }
        if (tags.has("TemporalPositionIndex")
                && !Integer.valueOf(tags.get("TemporalPositionIndex").asInt()).equals(in.time().temporalPositionIndex())) {
            wrong.add("TemporalPositionIndex " + in.time().temporalPositionIndex());
        }
        text(wrong, tags, "ConvolutionKernel", in.convolutionKernel());
        text(wrong, tags, "FilterType", in.filterType());
        text(wrong, tags, "AcquisitionTime", in.time().acquisitionTime());
        array(wrong, tags, "PixelSpacing", in.plane().pixelSpacing());
        array(wrong, tags, "ImagePositionPatient", in.plane().position());
        array(wrong, tags, "ImageOrientationPatient", in.plane().orientation());
        return wrong;
    }

    /** A tag's first value (pydicom multi-values are lists in the manifest). */
    private static JsonNode first(JsonNode v) {
        return v.isArray() ? v.get(0) : v;
    }

    private static void number(List<String> wrong, JsonNode tags, String name, double actual) {
        if (tags.has(name) && Math.abs(Double.parseDouble(first(tags.get(name)).asText()) - actual) > 1e-9) {
            wrong.add(name + " " + actual + " (expected " + first(tags.get(name)).asText() + ")");
        }
    }

    private static void text(List<String> wrong, JsonNode tags, String name, String actual) {
        if (tags.has(name)) {
            String expected = tags.get(name).isArray() ? String.join("\\", strings(tags.get(name)))
                    : tags.get(name).asText();
            if (!expected.equals(actual)) {
                wrong.add(name + " " + actual + " (expected " + expected + ")");
            }
        }
    }

    private static void array(List<String> wrong, JsonNode tags, String name, double[] actual) {
        if (tags.has(name)) {
            List<String> s = strings(tags.get(name));
            double[] expected = s.stream().mapToDouble(Double::parseDouble).toArray();
            if (actual == null || actual.length != expected.length) {
                wrong.add(name + " " + Arrays.toString(actual));
                return;
            }
            for (int i = 0; i < expected.length; i++) {
                if (Math.abs(expected[i] - actual[i]) > 1e-9) {
                    wrong.add(name + " " + Arrays.toString(actual) + " (expected " + s + ")");
                    return;
                }
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
