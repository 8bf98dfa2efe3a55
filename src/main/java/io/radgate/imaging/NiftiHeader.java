package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fields of a NIfTI-1 header that radgate uses, parsed by hand: no maintained Java
 * NIfTI reader is published to Maven Central (STACK.md), and NIfTI-1 is a fixed 348-byte
 * little- or big-endian C struct (nifti1.h), so reading it directly is simpler and safer
 * than a dependency. Byte offsets below are those of nifti1.h.
 *
 * <p>Where a header is slightly off, the values follow what nibabel (which CT-CLIP's
 * original uses) makes of it on load: a qfac other than -1 counts as 1, zero spacings as 1,
 * negative spacings by their absolute value, a {@code vox_offset} below 352 as 352, and
 * unknown xform codes as 0.
 */
public final class NiftiHeader {
    /** Size of the header struct; also the value of its first field. */
    public static final int SIZE = 348;
    /** The smallest data offset of a single-file NIfTI-1: header plus the 4-byte extension flag. */
    public static final int MIN_DATA_OFFSET = 352;

    /** Which rule produced {@link #affine()}, in nibabel's order of preference. */
    public enum AffineSource { SFORM, QFORM, PIXDIM }

    private final ByteOrder order;
    private final int[] dim = new int[8];
    private final NiftiDatatype datatype;
    private final float[] pixdim = new float[8];
    private final float voxOffset;
    private final float sclSlope;
    private final float sclInter;
    private final int xyztUnits;
    private final int qformCode;
    private final int sformCode;
    private final float[] quatern = new float[6];
    private final float[][] srow = new float[3][4];

    private NiftiHeader(ByteBuffer b) {
        order = b.order();
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        voxOffset = b.getFloat(108);
        sclSlope = b.getFloat(112);
        sclInter = b.getFloat(116);
        xyztUnits = b.get(123) & 0xFF;
        qformCode = knownXformCode(b.getShort(252));
        sformCode = knownXformCode(b.getShort(254));
        for (int i = 0; i < 6; i++) {
            quatern[i] = b.getFloat(256 + 4 * i);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                srow[r][c] = b.getFloat(280 + 16 * r + 4 * c);
            }
        }
        requireDims();
        spacing(); // a non-finite voxel size is refused here, before any voxel is read
        datatype = NiftiDatatype.of(b.getShort(70));
    }

    /**
     * Parses the first {@link #SIZE} bytes of a file. BAD_INPUT when they are not a NIfTI-1
     * header, UNSUPPORTED_MEDIA for NIfTI-2, a .hdr/.img pair, Analyze 7.5 or an unsupported
     * datatype, UNPROCESSABLE when the image is not one 3D volume.
     */
    public static NiftiHeader parse(byte[] header) {
        if (header.length < SIZE) {
            throw RadgateException.badInput("not a NIfTI-1 file: " + header.length + " bytes, less than a header ("
                    + SIZE + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(header, 0, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        // sizeof_hdr tells the byte order: it is 348 in the file's own order
        if (b.getInt(0) != SIZE) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        int sizeofHdr = b.getInt(0);
        if (sizeofHdr != SIZE) {
            if (sizeofHdr == 540 || Integer.reverseBytes(sizeofHdr) == 540) {
                throw unsupported("NIfTI-2 files are not supported; radgate reads NIfTI-1");
            }
            throw RadgateException.badInput("not a NIfTI-1 file (the data looks like " + ImageFileFormat.describe(header)
                    + ")");
        }
        String magic = new String(header, 344, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (magic.equals("ni1\0")) {
            throw unsupported("a NIfTI-1 header without its image (.hdr/.img pair) cannot be read; send a .nii or .nii.gz");
        }
        if (!magic.equals("n+1\0")) {
            throw unsupported("the header has no NIfTI-1 magic (an Analyze 7.5 file?); send a .nii or .nii.gz");
        }
        return new NiftiHeader(b);
    }

    private void requireDims() {
        int ndim = dim[0];
        if (ndim < 1 || ndim > 7) {
            throw RadgateException.badInput("NIfTI header has dim[0] = " + ndim + "; it must be 1..7");
        }
        for (int i = 1; i <= ndim; i++) {
            if (dim[i] < 1) {
                throw RadgateException.badInput("NIfTI header has dim[" + i + "] = " + dim[i]);
            }
        }
        if (ndim < 3) {
            throw new RadgateException(ErrorKind.UNPROCESSABLE, "the NIfTI image has " + ndim
                    + " dimension(s); radgate needs a 3D volume");
        }
        for (int i = 4; i <= ndim; i++) {
            if (dim[i] != 1) {
                throw new RadgateException(ErrorKind.UNPROCESSABLE, "the NIfTI image has dim[" + i + "] = " + dim[i]
                        + "; radgate needs one 3D volume (a 4D image with dim[4] = 1 is fine)");
            }
        }
    }

    private static int knownXformCode(short code) {
        return code >= 0 && code <= 5 ? code : 0;
    }

    private static RadgateException unsupported(String message) {
        return new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, message);
    }

    public ByteOrder byteOrder() {
        return order;
    }

    public NiftiDatatype datatype() {
        return datatype;
    }

    /** Voxels along x, y and z. */
    public int[] shape() {
        return new int[] {dim[1], dim[2], dim[3]};
    }

    public long voxelCount() {
        return (long) dim[1] * dim[2] * dim[3];
    }

    /** Where the voxels start in the (uncompressed) file. */
    public long dataOffset() {
        return Math.max(MIN_DATA_OFFSET, (long) voxOffset);
    }

    /** nibabel's rule: a slope of 0, NaN or infinity means the data is not scaled. */
    public boolean scaled() {
        return sclSlope != 0 && Float.isFinite(sclSlope);
    }

    /** The slope applied to stored values (1 when not scaled). */
    public double slope() {
        return scaled() ? sclSlope : 1;
    }

    /** The intercept added after the slope (0 when not scaled); BAD_INPUT when a valid slope has a non-finite intercept. */
    public double intercept() {
        if (!scaled()) {
            return 0;
        }
        if (!Float.isFinite(sclInter)) {
            throw RadgateException.badInput("NIfTI header has a valid scl_slope but scl_inter = " + sclInter);
        }
        return sclInter;
    }

    /** Voxel size along x, y, z from pixdim[1..3], in {@link #spatialUnit()}. */
    public double[] spacing() {
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) {
            float p = pixdim[i + 1];
            if (Float.isInfinite(p)) {
                throw RadgateException.badInput("NIfTI header has pixdim[" + (i + 1) + "] = " + p
                        + "; a voxel size must be finite");
            }
            s[i] = p == 0 || Float.isNaN(p) ? 1 : Math.abs(p);
        }
        return s;
    }

    /** The unit of spacing and affine: "mm", "m", "um" or "unknown" (xyzt_units; values are not converted). */
    public String spatialUnit() {
        return switch (xyztUnits & 0x07) {
            case 1 -> "m";
            case 2 -> "mm";
            case 3 -> "um";
            default -> "unknown";
        };
    }

    public int qformCode() {
        return qformCode;
    }

    public int sformCode() {
        return sformCode;
    }

    public AffineSource affineSource() {
        if (sformCode != 0) {
            return AffineSource.SFORM;
        }
        return qformCode != 0 ? AffineSource.QFORM : AffineSource.PIXDIM;
    }

    /**
     * The voxel-to-world (RAS+) affine, row-major 4×4: world = A · (i, j, k, 1). The sform
     * rows when sform_code ≠ 0; else the qform quaternion (nifti1.h "method 2") when
     * qform_code ≠ 0; else nibabel's fallback from pixdim, centred with x flipped.
     */
    public double[] affine() {
        double[] spacing = spacing();
        double[] a = new double[16];
        a[15] = 1;
        switch (affineSource()) {
            case SFORM -> {
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 4; c++) {
                        a[4 * r + c] = srow[r][c];
                    }
                }
            }
            case QFORM -> {
                double[] rot = quaternionRotation(quatern[0], quatern[1], quatern[2]);
                double qfac = pixdim[0] == -1 ? -1 : 1;
                double[] scale = {spacing[0], spacing[1], spacing[2] * qfac};
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        a[4 * r + c] = rot[3 * r + c] * scale[c];
                    }
                    a[4 * r + 3] = quatern[3 + r];
                }
            }
            case PIXDIM -> {
                for (int i = 0; i < 3; i++) {
                    double zoom = i == 0 ? -spacing[0] : spacing[i];
                    a[5 * i] = zoom;
                    a[4 * i + 3] = -zoom * (dim[i + 1] - 1) / 2.0;
                }
            }
        }
        return a;
    }

    /** The rotation of unit quaternion (a, b, c, d) with a = sqrt(1 - b² - c² - d²), as nifti1_io computes it. */
    private static double[] quaternionRotation(double b, double c, double d) {
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1e-7) {
            // not quite unit length: renormalise (b, c, d) and take a 180° rotation
            a = 1.0 / Math.sqrt(b * b + c * c + d * d);
            b *= a;
            c *= a;
            d *= a;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        return new double[] {
            a * a + b * b - c * c - d * d, 2 * b * c - 2 * a * d, 2 * b * d + 2 * a * c,
            2 * b * c + 2 * a * d, a * a + c * c - b * b - d * d, 2 * c * d - 2 * a * b,
            2 * b * d - 2 * a * c, 2 * c * d + 2 * a * b, a * a + d * d - c * c - b * b,
        };
    }
}
