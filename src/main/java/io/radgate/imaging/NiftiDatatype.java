package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;

/** The NIfTI-1 voxel datatypes radgate reads (header field {@code datatype}, nifti1.h codes). */
public enum NiftiDatatype {
    UINT8(2, 1),
    INT16(4, 2),
    INT32(8, 4),
    FLOAT32(16, 4),
    FLOAT64(64, 8),
    INT8(256, 1),
    UINT16(512, 2),
    UINT32(768, 4);

    private final int code;
    private final int bytes;

    NiftiDatatype(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    public int code() {
        return code;
    }

    /** Bytes per voxel. */
    public int bytes() {
        return bytes;
    }

    /** The datatype with this code; UNSUPPORTED_MEDIA naming the code (and its nifti1.h name) otherwise. */
    public static NiftiDatatype of(int code) {
        for (NiftiDatatype t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        String name = switch (code) {
            case 0 -> "unknown";
            case 1 -> "binary";
            case 32 -> "complex64";
            case 128 -> "RGB24";
            case 1024 -> "int64";
            case 1280 -> "uint64";
            case 1536 -> "float128";
            case 1792 -> "complex128";
            case 2048 -> "complex256";
            case 2304 -> "RGBA32";
            default -> "not a NIfTI-1 code";
        };
        throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, "NIfTI datatype " + code + " (" + name
                + ") is not supported; radgate reads uint8, int8, int16, uint16, int32, uint32, float32 and float64");
    }
}
