package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.util.Optional;

/**
 * The raster image formats radgate decodes, recognised by their magic bytes, never by a
 * declared content type or file name (clients mislabel uploads).
 */
public enum ImageFileFormat {
    PNG("png"),
    JPEG("jpeg"),
    TIFF("tiff"),
    BMP("bmp");

    private final String imageIoName;

    ImageFileFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The ImageIO format name. */
    public String imageIoName() {
        return imageIoName;
    }

    /** The format whose signature starts {@code data}, if any. */
    public static Optional<ImageFileFormat> sniff(byte[] data) {
        if (startsWith(data, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(data, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        // classic TIFF (42) and BigTIFF (43), little and big endian
        if (startsWith(data, 'I', 'I', 42, 0) || startsWith(data, 'M', 'M', 0, 42)
                || startsWith(data, 'I', 'I', 43, 0) || startsWith(data, 'M', 'M', 0, 43)) {
            return Optional.of(TIFF);
        }
        if (startsWith(data, 'B', 'M') && data.length >= 26) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /** The format of {@code data}; UNSUPPORTED_MEDIA naming what the bytes look like otherwise. */
    public static ImageFileFormat require(byte[] data) {
        return sniff(data).orElseThrow(() -> new RadgateException(ErrorKind.UNSUPPORTED_MEDIA,
                "unsupported image format: the data looks like " + describe(data)
                        + "; radgate reads PNG, JPEG, TIFF and BMP"));
    }

    /**
     * A short description of what {@code data} appears to be, for error messages: one of the
     * formats above or another well-known signature, else its first bytes in hex.
     */
    public static String describe(byte[] data) {
        Optional<ImageFileFormat> format = sniff(data);
        if (format.isPresent()) {
            return "a " + format.get() + " image";
        }
        if (data.length == 0) {
            return "nothing (0 bytes)";
        }
        if (startsWith(data, 'G', 'I', 'F', '8')) {
            return "a GIF image";
        }
        if (startsWith(data, 'R', 'I', 'F', 'F') && data.length >= 12 && data[8] == 'W' && data[9] == 'E'
                && data[10] == 'B' && data[11] == 'P') {
            return "a WebP image";
        }
        if (startsWith(data, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' ') || startsWith(data, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "a JPEG 2000 image";
        }
        if (data.length >= 132 && data[128] == 'D' && data[129] == 'I' && data[130] == 'C' && data[131] == 'M') {
            return "a DICOM file";
        }
        if (startsWith(data, 'P', 'K', 3, 4) || startsWith(data, 'P', 'K', 5, 6)) {
            return "a ZIP archive";
        }
        if (startsWith(data, 0x1F, 0x8B)) {
            return "gzip data";
        }
        if (startsWith(data, '%', 'P', 'D', 'F')) {
            return "a PDF document";
        }
        if (data.length >= 348 && data[344] == 'n' && (data[345] == '+' || data[345] == 'i') && data[346] == '1') {
            return "a NIfTI-1 volume";
        }
        StringBuilder hex = new StringBuilder("unknown data starting 0x");
        for (int i = 0; i < Math.min(8, data.length); i++) {
            hex.append(String.format("%02x", data[i] & 0xFF));
        }
        return hex.toString();
    }

    private static boolean startsWith(byte[] data, int... magic) {
        if (data.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((data[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
