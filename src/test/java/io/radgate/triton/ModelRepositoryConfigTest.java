package io.radgate.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import io.radgate.triton.proto.ModelConfig;
import io.radgate.triton.proto.ModelInstanceGroup;
import io.radgate.triton.proto.ModelOutput;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example models in triton-model-repo/ are loadable as Triton will read them: each
 * config.pbtxt is valid text format for Triton's ModelConfig, runs on the python backend on CPU
 * (so it needs no GPU), declares its tensors, and is documented.
 */
class ModelRepositoryConfigTest {

    private static Path repo() {
        String root = System.getProperty("radgate.repo.root", System.getProperty("user.dir"));
        return Path.of(root).resolve("triton-model-repo");
    }

    private static List<Path> modelDirs() throws IOException {
        Path repo = repo();
        assertTrue(Files.isDirectory(repo), "no model repository at " + repo);
        try (Stream<Path> s = Files.list(repo)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("config.pbtxt"))).sorted().toList();
        }
    }

    private static ModelConfig parse(Path config) throws IOException {
        ModelConfig.Builder b = ModelConfig.newBuilder();
        try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            TextFormat.merge(r, b);
        }
        return b.build();
    }

    @Test
    void atLeastThreeModelsExist() throws IOException {
        List<Path> dirs = modelDirs();
        assertTrue(dirs.size() >= 3, "models found: " + dirs);
    }

    @Test
    void everyConfigParsesAsTritonModelConfigForACpuPythonModel() throws IOException {
        for (Path dir : modelDirs()) {
            String model = dir.getFileName().toString();
            ModelConfig c = parse(dir.resolve("config.pbtxt"));
            if (!c.getName().isEmpty()) {
                assertEquals(model, c.getName(), "Triton refuses a name other than the directory's");
            }
            assertEquals("python", c.getBackend(), model);
            assertTrue(c.getInputCount() >= 1, model + " has no input");
            assertTrue(c.getOutputCount() >= 1, model + " has no output");
            assertFalse(c.getInstanceGroupList().isEmpty(), model + " must say KIND_CPU, or Triton picks GPU when it has one");
            for (ModelInstanceGroup g : c.getInstanceGroupList()) {
                assertEquals(ModelInstanceGroup.Kind.KIND_CPU, g.getKind(), model);
            }
        }
    }

    @Test
    void everyModelHasAReadmeAndItsLabelFiles() throws IOException {
        for (Path dir : modelDirs()) {
            assertTrue(Files.isRegularFile(dir.resolve("README.md")), dir + " has no README.md");
            for (ModelOutput o : parse(dir.resolve("config.pbtxt")).getOutputList()) {
                if (!o.getLabelFilename().isEmpty()) {
                    assertTrue(Files.isRegularFile(dir.resolve(o.getLabelFilename())),
                            dir + ": label file " + o.getLabelFilename() + " of output " + o.getName() + " is missing");
                }
            }
        }
    }
}
