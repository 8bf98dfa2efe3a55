package io.radgate.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A single-file NIfTI-1 volume of int16 voxels written by hand, with the header fields tests like to break. */
public final class NiftiBytes {
    private final int nx;
    private final int ny;
    private final int nz;
    private final float[] pixdim = {1, 1, 1, 1};
    private short ndim = 3;

    public NiftiBytes(int nx, int ny, int nz) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
    }

    /** pixdim[1..3], the voxel size. */
    public NiftiBytes pixdim(float x, float y, float z) {
        pixdim[1] = x;
        pixdim[2] = y;
        pixdim[3] = z;
        return this;
    }

    public NiftiBytes ndim(int n) {
        this.ndim = (short) n;
        return this;
    }

    public byte[] bytes() {
        int voxels = nx * ny * nz;
        ByteBuffer b = ByteBuffer.allocate(352 + 2 * voxels).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        short[] dim = {ndim, (short) nx, (short) ny, (short) nz, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
            b.putFloat(76 + 4 * i, i < 4 ? pixdim[i] : 1f);
        }
        b.putShort(70, (short) 4); // int16
        b.putShort(72, (short) 16);
        b.putFloat(108, 352f);
        b.put(123, (byte) 2); // mm
        b.put(344, "n+1\0".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < voxels; i++) {
            b.putShort(352 + 2 * i, (short) (i % 2000 - 1000));
        }
        return b.array();
    }
}
