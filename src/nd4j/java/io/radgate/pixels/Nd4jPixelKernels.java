package io.radgate.pixels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The kernels as ND4J operations (nd4j-native on CPU, nd4j-cuda where built with
 * {@code -Pnd4j-cuda}); bit-identical to {@link JavaPixelKernels}. What makes them identical,
 * measured on ND4J 1.0.0-M2.1:
 * <ul>
 *   <li>{@code resize_bilinear} with {@code alignCorners=false, halfPixelCenters=true} computes
 *       its scale and source coordinates in float32 and interpolates in float64 before storing
 *       float32, exactly the arithmetic {@link PixelKernels} fixes; it takes float input only
 *       (uint8 input fails), so uint8 planes are cast to float first (exact).</li>
 *   <li>{@code Transforms.round} is C's {@code roundf}, half away from zero (0.5 → 1, 2.5 → 3,
 *       -0.5 → -1); it equals Java's half-up {@code Math.round} on every value the clamp to
 *       [0, 255] keeps. {@code castTo(UINT8)} truncates (254.9 → 254), so rounding and clamping
 *       come first.</li>
 *   <li>Scalar {@code mul} and {@code add} are separate float32 operations, so
 *       {@code x · a + b} is rounded twice, as in Java (no fused multiply-add).</li>
 *   <li>{@code INT8 → UINT8} and {@code INT16 → UINT16} casts reinterpret two's complement
 *       (-1 → 255, 65535), which reads Java's signed arrays as unsigned.</li>
 * </ul>
 * {@code Nd4j.image().resizeBiLinear(...)} is not used: it throws a NullPointerException in M2.1.
 */
public final class Nd4jPixelKernels implements PixelKernels {

    public Nd4jPixelKernels() {
        Nd4j.getBackend(); // loads the native backend now, so selection fails early if it cannot
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public float[] rescale(short[] stored, boolean unsigned, float slope, float intercept) {
        INDArray values = Nd4j.createFromArray(stored);
        if (unsigned) {
            values = values.castTo(DataType.UINT16);
        }
        INDArray f = values.castTo(DataType.FLOAT);
        f.muli(slope).addi(intercept);
        return f.toFloatVector();
    }

    @Override
    public byte[] linearToU8(float[] values, float scale, float offset) {
        if (values.length == 0) {
            return new byte[0];
        }
        INDArray t = Nd4j.createFromArray(values);
        t.muli(scale).addi(offset);
        BooleanIndexing.replaceWhere(t, 0.0, Conditions.isNan());
        return bytes(roundToU8(t));
    }

    @Override
    public float[] resizeBilinear(float[] plane, int width, int height, int newWidth, int newHeight) {
        KernelChecks.requirePlane(plane.length, width, height);
        KernelChecks.requireSize(newWidth, newHeight);
        INDArray in = Nd4j.createFromArray(plane).reshape(1, height, width, 1);
        return resize(in, newWidth, newHeight).data().asFloat();
    }

    @Override
    public byte[] resizeBilinearU8(byte[] plane, int width, int height, int newWidth, int newHeight,
                                   Canvas canvas) {
        KernelChecks.requirePlane(plane.length, width, height);
        KernelChecks.requireSize(newWidth, newHeight);
        canvas.requireHolds(newWidth, newHeight);
        INDArray in = Nd4j.createFromArray(plane).castTo(DataType.UINT8).castTo(DataType.FLOAT)
                .reshape(1, height, width, 1);
        INDArray resized = roundToU8(resize(in, newWidth, newHeight)).reshape(newHeight, newWidth);
        if (canvas.width() == newWidth && canvas.height() == newHeight) {
            return bytes(resized);
        }
        INDArray out = Nd4j.zeros(DataType.UINT8, canvas.height(), canvas.width());
        out.get(NDArrayIndex.interval(canvas.top(), canvas.top() + newHeight),
                NDArrayIndex.interval(canvas.left(), canvas.left() + newWidth)).assign(resized);
        return bytes(out);
    }

    /** {@code resize_bilinear}, half-pixel centres, on a [1, h, w, 1] float array. */
    private static INDArray resize(INDArray nhwc, int newWidth, int newHeight) {
        INDArray out = Nd4j.create(DataType.FLOAT, 1, newHeight, newWidth, 1);
        Nd4j.exec(new ResizeBilinear(nhwc, out, newHeight, newWidth, false, true));
        return out;
    }

    /** Round (half away from zero), clamp to [0, 255], then cast: a UINT8 array. */
    private static INDArray roundToU8(INDArray floats) {
        INDArray rounded = Transforms.round(floats, false);
        INDArray clamped = Nd4j.exec(new ClipByValue(rounded, 0, 255))[0];
        return clamped.castTo(DataType.UINT8);
    }

    /** The bytes of a UINT8 array, in C order. */
    private static byte[] bytes(INDArray u8) {
        INDArray c = u8.isView() || u8.ordering() != 'c' ? u8.dup('c') : u8;
        byte[] out = new byte[(int) c.length()];
        c.data().asNio().get(out);
        return out;
    }
}
