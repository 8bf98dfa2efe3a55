package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a NIfTI-1 volume (.nii, or .nii.gz: gzip is recognised by its magic bytes, not by
 * the name) as a stream: header first, then the limits are checked against the header's
 * dimensions BEFORE the voxel array is allocated, then exactly the voxel bytes are read
 * (so a gzip bomb cannot inflate past what the header promised).
 *
 * <p>Limits: x and y extents ≤ {@code imaging.max-dimension}, z extent ≤
 * {@code imaging.max-frames} (slices), voxels ≤ {@code imaging.max-pixels}, uncompressed
 * file ≤ {@code imaging.max-file-bytes}: TOO_LARGE beyond. Truncated or damaged data is
 * BAD_INPUT.
 *
 * <p>BLOCKING: reads and inflates on the calling thread; run it off the event loop.
 */
public final class NiftiReader {
    private final ImagingLimits limits;

    public NiftiReader(ImagingLimits limits) {
        this.limits = limits;
    }

    public NiftiVolume read(byte[] data) throws IOException {
        return read(new ByteArrayInputStream(data));
    }

    /** Reads one volume from {@code in}; does not close it. */
    public NiftiVolume read(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1F && buffered.read() == 0x8B;
        buffered.reset();
        try {
            InputStream src = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return readVolume(src);
        } catch (ZipException | EOFException e) {
            throw RadgateException.badInput("corrupt or truncated NIfTI gzip data (" + e.getMessage() + ")");
        }
    }

    private NiftiVolume readVolume(InputStream src) throws IOException {
        byte[] headerBytes = src.readNBytes(NiftiHeader.SIZE);
        NiftiHeader header = NiftiHeader.parse(headerBytes);
        int[] shape = header.shape();
        checkLimits(header, shape);
        long skip = header.dataOffset() - NiftiHeader.SIZE;
        if (skipUpTo(src, skip) < skip) {
            throw truncated(header, 0);
        }
        DecodeAllowance.claim(header.voxelCount() * Float.BYTES, "the NIfTI volume");
        float[] voxels = new float[(int) header.voxelCount()];
        readVoxels(src, header, voxels);
        return new NiftiVolume(header, shape[0], shape[1], shape[2], voxels);
    }

    private void checkLimits(NiftiHeader header, int[] shape) {
        String size = shape[0] + "x" + shape[1] + "x" + shape[2];
        if (shape[0] > limits.maxDimension() || shape[1] > limits.maxDimension()) {
            throw tooLarge("the NIfTI volume is " + size + "; the largest slice side allowed is " + limits.maxDimension()
                    + " (" + ImagingLimits.MAX_DIMENSION + ")");
        }
        if (shape[2] > limits.maxFrames()) {
            throw tooLarge("the NIfTI volume is " + size + "; at most " + limits.maxFrames() + " slices are allowed ("
                    + ImagingLimits.MAX_FRAMES + ")");
        }
        long decoded = header.voxelCount() * Float.BYTES;
        if (decoded > limits.maxDecodedBytes()) {
            throw tooLarge("the NIfTI volume is " + size + ": " + header.voxelCount() + " voxels, " + decoded
                    + " bytes decoded, more than " + limits.maxDecodedBytes() + " ("
                    + ImagingLimits.MAX_DECODED_BYTES + ")");
        }
        long fileBytes = header.dataOffset() + header.voxelCount() * header.datatype().bytes();
        if (fileBytes > limits.maxFileBytes() || header.voxelCount() > Integer.MAX_VALUE - 8) {
            throw tooLarge("the NIfTI volume needs " + fileBytes + " bytes, more than " + limits.maxFileBytes() + " ("
                    + ImagingLimits.MAX_FILE_BYTES + ")");
        }
    }

    /** Reads the voxels, applying the scaling in double as nibabel's get_fdata() does, then rounding to float. */
    private static void readVoxels(InputStream src, NiftiHeader header, float[] out) throws IOException {
        NiftiDatatype type = header.datatype();
        int bytes = type.bytes();
        boolean scaled = header.scaled();
        double slope = header.slope();
        double inter = header.intercept();
        byte[] chunk = new byte[(1 << 16) / 8 * 8];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(header.byteOrder());
        int done = 0;
        while (done < out.length) {
            int want = (int) Math.min(chunk.length, (long) (out.length - done) * bytes);
            int got = src.readNBytes(chunk, 0, want);
            if (got < want) {
                throw truncated(header, (long) done * bytes + got);
            }
            for (int off = 0; off < want; off += bytes) {
                double v = switch (type) {
                    case UINT8 -> chunk[off] & 0xFF;
                    case INT8 -> chunk[off];
                    case INT16 -> buf.getShort(off);
                    case UINT16 -> buf.getShort(off) & 0xFFFF;
                    case INT32 -> buf.getInt(off);
                    case UINT32 -> buf.getInt(off) & 0xFFFFFFFFL;
                    case FLOAT32 -> buf.getFloat(off);
                    case FLOAT64 -> buf.getDouble(off);
                };
                if (scaled) {
                    // as nibabel: multiply only when slope ≠ 1, add only when intercept ≠ 0
                    if (slope != 1) {
                        v *= slope;
                    }
                    if (inter != 0) {
                        v += inter;
                    }
                }
                out[done++] = (float) v;
            }
        }
    }

    /** Skips the extensions between header and voxels; returns how many bytes there were. */
    private static long skipUpTo(InputStream src, long n) throws IOException {
        byte[] buf = new byte[8192];
        long done = 0;
        while (done < n) {
            int got = src.read(buf, 0, (int) Math.min(buf.length, n - done));
            if (got < 0) {
                break;
            }
            done += got;
        }
        return done;
    }

    private static RadgateException truncated(NiftiHeader header, long voxelBytesRead) {
        return RadgateException.badInput("truncated NIfTI file: the header promises "
                + header.voxelCount() * header.datatype().bytes() + " bytes of voxels from offset " + header.dataOffset()
                + ", the file holds " + voxelBytesRead);
    }

    private static RadgateException tooLarge(String message) {
        return new RadgateException(ErrorKind.TOO_LARGE, message);
    }
}
