package io.radgate.pixels;

/** Argument checks shared by the {@link PixelKernels} implementations. */
final class KernelChecks {
    private KernelChecks() {
    }

    static void requirePlane(int length, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height != length) {
            throw new IllegalArgumentException("plane " + width + "x" + height + " needs "
                    + (long) width * height + " samples, got " + length);
        }
    }

    static void requireSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size " + width + "x" + height + " is empty");
        }
    }
}
