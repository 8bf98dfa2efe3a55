package io.radgate.bench;

import io.radgate.pixels.PixelKernelSelection;
import io.radgate.pixels.PixelKernels;

/** {@link PreprocessBenchmark} with the ND4J kernels (built with -Pnd4j). */
public class Nd4jPreprocessBenchmark extends PreprocessBenchmark {
    @Override
    protected PixelKernels kernels() {
        return PixelKernelSelection.forName("nd4j");
    }
}
