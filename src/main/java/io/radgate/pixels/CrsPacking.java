package io.radgate.pixels;

import io.radgate.imaging.Raster;
import java.util.List;

/**
 * Packing slices into one uint8 volume in column-row-slice order: {@code x} fastest, then
 * {@code y}, then {@code z}; voxel {@code (x, y, z)} at {@code (z · H + y) · W + x} of a
 * {@code byte[W · H · D]}.
 */
public final class CrsPacking {
    private CrsPacking() {
    }

    /** One-channel uint8 slices of equal size, in slice order. */
    public static byte[] pack(List<Raster> slices) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("no slices to pack");
        }
        Raster first = slices.get(0);
        int plane = first.width() * first.height();
        byte[] out = new byte[Math.multiplyExact(plane, slices.size())];
        for (int z = 0; z < slices.size(); z++) {
            Raster s = slices.get(z);
            if (s.type() != Raster.Type.U8 || s.channels() != 1 || s.width() != first.width()
                    || s.height() != first.height()) {
                throw new IllegalArgumentException("slice " + z + " is " + s + "; all must be one-channel U8 "
                        + first.width() + "x" + first.height());
            }
            System.arraycopy(s.u8Samples(), 0, out, z * plane, plane);
        }
        return out;
    }

    /** A float volume through {@code window} to uint8 (see {@link ToUint8#window}), already in CRS order. */
    public static byte[] pack(FloatVolume volume, VoiWindow window) {
        return pack(volume, window, PixelKernelSelection.selected());
    }

    public static byte[] pack(FloatVolume volume, VoiWindow window, PixelKernels kernels) {
        Raster all = Raster.f32(volume.width(), volume.height() * volume.depth(), 1, volume.voxels());
        return ToUint8.window(all, window, kernels).u8Samples();
    }
}
