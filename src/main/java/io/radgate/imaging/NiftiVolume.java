package io.radgate.imaging;

/**
 * One 3D NIfTI-1 volume, voxel values scaled (stored × slope + intercept) as float.
 *
 * <p>Axis order is the file's, never reoriented: x varies fastest, then y, then z, so voxel
 * (x, y, z) is {@code voxels[x + nx * (y + ny * z)]}; {@link #affine()} maps these indices to
 * world coordinates. Each value is nibabel's {@code get_fdata()} (computed in float64)
 * rounded once to float32.
 *
 * @param header the parsed header (datatype, scaling, xform codes, units)
 * @param nx     voxels along x (dim[1])
 * @param ny     voxels along y (dim[2])
 * @param nz     voxels along z (dim[3])
 * @param voxels nx × ny × nz values, x fastest
 */
public record NiftiVolume(NiftiHeader header, int nx, int ny, int nz, float[] voxels) {

    public NiftiVolume {
        if ((long) nx * ny * nz != voxels.length) {
            throw new IllegalArgumentException(nx + "x" + ny + "x" + nz + " volume needs " + (long) nx * ny * nz
                    + " voxels, got " + voxels.length);
        }
    }

    /** The value at column x, row y, slice z. */
    public float voxel(int x, int y, int z) {
        return voxels[x + nx * (y + ny * z)];
    }

    /** Slice z as a 1-channel float raster (width nx, height ny); a copy. */
    public Raster slice(int z) {
        float[] s = new float[nx * ny];
        System.arraycopy(voxels, nx * ny * z, s, 0, s.length);
        return Raster.f32(nx, ny, 1, s);
    }

    /** Voxel size along x, y, z, in {@link NiftiHeader#spatialUnit()} (normally mm). */
    public double[] spacing() {
        return header.spacing();
    }

    /** Row-major 4×4 voxel-to-world affine (see {@link NiftiHeader#affine()}). */
    public double[] affine() {
        return header.affine();
    }

    public NiftiDatatype datatype() {
        return header.datatype();
    }
}
