package io.radgate.pixels;

/** The plain Java kernels: single-threaded loops, the default. */
public final class JavaPixelKernels implements PixelKernels {
    public static final JavaPixelKernels INSTANCE = new JavaPixelKernels();

    private JavaPixelKernels() {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public float[] rescale(short[] stored, boolean unsigned, float slope, float intercept) {
        float[] out = new float[stored.length];
        if (unsigned) {
            for (int i = 0; i < stored.length; i++) {
                out[i] = (stored[i] & 0xFFFF) * slope + intercept;
            }
        } else {
            for (int i = 0; i < stored.length; i++) {
                out[i] = stored[i] * slope + intercept;
            }
        }
        return out;
    }

    @Override
    public byte[] linearToU8(float[] values, float scale, float offset) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = toU8(values[i] * scale + offset);
        }
        return out;
    }

    @Override
    public float[] resizeBilinear(float[] plane, int width, int height, int newWidth, int newHeight) {
        KernelChecks.requirePlane(plane.length, width, height);
        BilinearTaps xs = new BilinearTaps(width, newWidth);
        BilinearTaps ys = new BilinearTaps(height, newHeight);
        float[] out = new float[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++) {
            int topRow = ys.lower[y] * width;
            int bottomRow = ys.upper[y] * width;
            double wy = ys.weight[y];
            int o = y * newWidth;
            for (int x = 0; x < newWidth; x++) {
                int x0 = xs.lower[x];
                int x1 = xs.upper[x];
                double wx = xs.weight[x];
                double tl = plane[topRow + x0];
                double tr = plane[topRow + x1];
                double bl = plane[bottomRow + x0];
                double br = plane[bottomRow + x1];
                double top = tl + (tr - tl) * wx;
                double bottom = bl + (br - bl) * wx;
                out[o + x] = (float) (top + (bottom - top) * wy);
            }
        }
        return out;
    }

    @Override
    public byte[] resizeBilinearU8(byte[] plane, int width, int height, int newWidth, int newHeight,
                                   Canvas canvas) {
        KernelChecks.requirePlane(plane.length, width, height);
        canvas.requireHolds(newWidth, newHeight);
        BilinearTaps xs = new BilinearTaps(width, newWidth);
        BilinearTaps ys = new BilinearTaps(height, newHeight);
        byte[] out = new byte[canvas.width() * canvas.height()];
        for (int y = 0; y < newHeight; y++) {
            int topRow = ys.lower[y] * width;
            int bottomRow = ys.upper[y] * width;
            double wy = ys.weight[y];
            int o = (canvas.top() + y) * canvas.width() + canvas.left();
            for (int x = 0; x < newWidth; x++) {
                int x0 = xs.lower[x];
                int x1 = xs.upper[x];
                double wx = xs.weight[x];
                double tl = plane[topRow + x0] & 0xFF;
                double tr = plane[topRow + x1] & 0xFF;
                double bl = plane[bottomRow + x0] & 0xFF;
                double br = plane[bottomRow + x1] & 0xFF;
                double top = tl + (tr - tl) * wx;
                double bottom = bl + (br - bl) * wx;
                out[o + x] = toU8((float) (top + (bottom - top) * wy));
            }
        }
        return out;
    }

    /** Round half up, clamp to [0, 255]; NaN → 0. */
    static byte toU8(float v) {
        int r = Math.round(v); // floor(v + 1/2), exact; NaN → 0
        return (byte) (r < 0 ? 0 : Math.min(r, 255));
    }
}
