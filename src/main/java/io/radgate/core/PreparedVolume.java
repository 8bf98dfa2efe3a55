package io.radgate.core;

/**
 * A volume ready for a study classifier: uint8 voxels in column-row-slice order (the tensor
 * [depth, height, width] in C order) and the voxel size in mm along x, y, z.
 */
public record PreparedVolume(byte[] voxels, int width, int height, int depth, double spacingX, double spacingY,
                             double spacingZ) {
    public PreparedVolume {
        if ((long) width * height * depth != voxels.length) {
            throw new IllegalArgumentException(width + "x" + height + "x" + depth + " volume with " + voxels.length
                    + " voxels");
        }
    }

    @Override
    public String toString() {
        return "PreparedVolume[" + width + "x" + height + "x" + depth + ", " + spacingX + "x" + spacingY + "x"
                + spacingZ + " mm]";
    }
}
