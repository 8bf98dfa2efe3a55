package io.radgate.protocol.arterys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radgate.core.DisplayImages;
import io.radgate.core.Image2d;
import io.radgate.error.RadgateException;
import io.radgate.imaging.DicomReader;
import io.radgate.imaging.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request made ready for the models (BLOCKING: decodes DICOM; run on the blocking executor):
 * the command, the decoded instances in upload order (attachments skipped) and each frame as
 * an 8-bit display image.
 */
record ArterysJob(ArterysCommand command, List<Instance> instances, List<Frame> frames, String inputHash,
                  String paramsJson) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Request keys the client itself sets; every other key is a request option ({@code -R key=value}). */
    private static final Set<String> CLIENT_KEYS = Set.of("studyUID", "inference_command", "depth", "height", "width",
            "request", "route", "studyPath");

    /** One frame of one instance as the model sees it. */
    record Frame(Instance instance, int frameNumber, Image2d image) {
        boolean multiFrame() {
            return instance.numberOfFrames() > 1;
        }
    }

    static ArterysJob prepare(ArterysRequestReader.Request request, ArterysRoutes routes, DicomReader reader) {
        JsonNode root = root(request.json());
        ArterysCommand requested = requestedCommand(root);
        List<Instance> instances = new ArrayList<>();
        for (ArterysRequestReader.Part p : request.files()) {
            if (p.isDicom()) {
                instances.add(reader.read(p.content()));
            }
        }
        if (instances.isEmpty()) {
            throw RadgateException.badInput("the request holds no DICOM files (parts after the JSON part that are "
                    + "application/dicom or carry the DICM preamble)");
        }
        boolean spatial = instances.stream().allMatch(i -> i.plane().position() != null);
        ArterysCommand command = routes.resolve(requested, spatial);
        List<Frame> frames = new ArrayList<>();
        for (Instance i : instances) {
            for (int f = 1; f <= i.frames().size(); f++) {
                frames.add(new Frame(i, f, DisplayImages.of(i, f, i.uids().sopInstance() + "#" + f)));
            }
        }
        return new ArterysJob(command, List.copyOf(instances), List.copyOf(frames), request.inputHash(),
                modelParams(root));
    }

    static JsonNode root(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw RadgateException.badInput("part 0 of the request is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw RadgateException.badInput("part 0 of the request must be a JSON object");
        }
        return root;
    }

    /** The request's inference_command, or null when it names none. Part 0 must be a JSON object. */
    static ArterysCommand requestedCommand(String json) {
        return requestedCommand(root(json));
    }

    /**
     * Request options for the model (its INPUT_JSON_PARAMS), or null when there are none. The
     * client sends every option as a string; numbers and true/false are passed as such.
     */
    static String modelParams(JsonNode root) {
        ObjectNode params = JSON.createObjectNode();
        root.fields().forEachRemaining(e -> {
            if (CLIENT_KEYS.contains(e.getKey())) {
                return;
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                String t = v.asText().trim();
                if (t.equals("true") || t.equals("false")) {
                    v = BooleanNode.valueOf(t.equals("true"));
                } else if (t.matches("-?\\d{1,18}")) {
                    v = LongNode.valueOf(Long.parseLong(t));
                } else if (t.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    v = DoubleNode.valueOf(Double.parseDouble(t));
                }
            }
            params.set(e.getKey(), v);
        });
        return params.isEmpty() ? null : params.toString();
    }

    private static ArterysCommand requestedCommand(JsonNode root) {
        JsonNode c = root.get("inference_command");
        if (c == null || c.isNull()) {
            return null;
        }
        if (!c.isTextual()) {
            throw RadgateException.badInput("inference_command must be a string, got " + c.getNodeType());
        }
        return ArterysCommand.parse(c.asText());
    }

    List<Image2d> images() {
        return frames.stream().map(Frame::image).toList();
    }
}
