package io.radgate.bench;

import io.radgate.pixels.PixelKernelSelection;
import io.radgate.pixels.PixelKernels;

/** {@link DecodePreprocessBenchmark} with the ND4J kernels (built with -Pnd4j). */
public class Nd4jDecodePreprocessBenchmark extends DecodePreprocessBenchmark {
    @Override
    protected PixelKernels kernels() {
        return PixelKernelSelection.forName("nd4j");
    }
}
