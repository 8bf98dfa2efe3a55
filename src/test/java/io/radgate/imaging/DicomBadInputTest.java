package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that must fail, each with the right {@link ErrorKind} and a message naming the problem. */
class DicomBadInputTest {
    private final DicomReader reader = new DicomReader(ImagingLimits.defaults());

    private static RadgateException fails(ErrorKind kind, Executable e, String... mentions) {
        RadgateException ex = assertThrows(RadgateException.class, e);
        assertEquals(kind, ex.kind(), ex.getMessage());
        for (String m : mentions) {
            assertTrue(ex.getMessage().contains(m), "message '" + ex.getMessage() + "' should mention '" + m + "'");
        }
        return ex;
    }

    private static byte[] golden(String geometry, String syntax) {
        return DicomGoldenData.bytes(geometry + "__" + syntax + ".dcm");
    }

    @Test
    void randomBytesAreNotDicom() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        fails(ErrorKind.BAD_INPUT, () -> reader.read(noise), "not a DICOM file");
        fails(ErrorKind.BAD_INPUT, () -> reader.read(new byte[0]), "not a DICOM file");
        byte[] looksLikeGroup8 = noise.clone();
        looksLikeGroup8[0] = 0x08;
        looksLikeGroup8[1] = 0x00;
        fails(ErrorKind.BAD_INPUT, () -> reader.read(looksLikeGroup8), "not a DICOM file");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        fails(ErrorKind.BAD_INPUT, () -> reader.read(png), "not a DICOM file");
    }

    @Test
    void aPreambleFollowedByGarbageIsNotDicom() {
        byte[] b = new byte[2000];
        new Random(3).nextBytes(b);
        Arrays.fill(b, 0, 128, (byte) 0);
        System.arraycopy("DICM".getBytes(), 0, b, 128, 4);
        RadgateException e = fails(ErrorKind.BAD_INPUT, () -> reader.read(b));
        assertTrue(e.getMessage().contains("not a DICOM file") || e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsBadInputNamingTheTruncation() {
        byte[] full = golden("mono2_u16_bs12_landscape", "explicit_le");
        fails(ErrorKind.BAD_INPUT, () -> reader.read(Arrays.copyOf(full, full.length * 6 / 10)), "truncated",
                "Pixel Data declares 128000 bytes");
        fails(ErrorKind.BAD_INPUT, () -> reader.read(Arrays.copyOf(full, 300)), "truncated");
        for (String syntax : List.of("implicit_le", "big_endian", "deflate")) {
            byte[] f = golden("mono2_u16_bs12_landscape", syntax);
            fails(ErrorKind.BAD_INPUT, () -> reader.read(Arrays.copyOf(f, f.length - 999)));
        }
    }

    @Test
    void truncatedCompressedPixelDataIsBadInputNotZeroFrames() {
        for (String syntax : List.of("rle", "jpeg_lossless_57", "jpeg_lossless_70", "j2k_lossless_90",
                "jpeg_extended_51", "jpegls_lossless_80")) {
            byte[] f = golden("multiframe_u16_5f", syntax);
            fails(ErrorKind.BAD_INPUT, () -> reader.read(Arrays.copyOf(f, f.length * 6 / 10)));
        }
    }

    @Test
    void pixelDataShorterThanTheHeaderPromisesNamesExpectedAndActual() {
        byte[] f = golden("mono2_u16_bs12_landscape", "explicit_le").clone();
        setUnsignedShort(f, 0x0028, 0x0010, 250); // Rows 200 -> 250; the pixel data still holds 200 rows
        fails(ErrorKind.BAD_INPUT, () -> reader.read(f), "pixel data is too short", "128000 bytes",
                "expected 160000", "250 rows x 320 columns x 1 samples x 1 frames x 2 bytes");
        byte[] mf = golden("multiframe_u16_5f", "explicit_le").clone();
        setString(mf, 0x0028, 0x0008, "7 "); // NumberOfFrames 5 -> 7
        fails(ErrorKind.BAD_INPUT, () -> reader.read(mf), "pixel data is too short", "7 frames");
    }

    @Test
    void anUnsupportedTransferSyntaxIs415NamingIt() {
        byte[] f = DicomGoldenData.bytes("unsupported_mpeg2.dcm");
        fails(ErrorKind.UNSUPPORTED_MEDIA, () -> reader.read(f), "1.2.840.10008.1.2.4.100",
                "MPEG2 Main Profile / Main Level");
    }

    @Test
    void limitsAreCheckedFromTheHeaderBeforePixelsAreAllocated() {
        byte[] landscape = golden("mono2_u16_bs12_landscape", "jpeg_lossless_70");
        ImagingLimits d = ImagingLimits.defaults();
        DicomReader small = new DicomReader(new ImagingLimits(d.maxFileBytes(), d.maxFrames(), 256, d.maxDecodedBytes(),
                d.nativeDecoderTimeout(), 1, 1, 1));
        fails(ErrorKind.TOO_LARGE, () -> small.read(landscape), "320x200", "limit of 256");
        DicomReader fewFrames = new DicomReader(new ImagingLimits(d.maxFileBytes(), 4, d.maxDimension(),
                d.maxDecodedBytes(), d.nativeDecoderTimeout(), 1, 1, 1));
        fails(ErrorKind.TOO_LARGE, () -> fewFrames.read(golden("multiframe_u16_5f", "rle")), "5 frames",
                "limit of 4");
        DicomReader fewPixels = new DicomReader(new ImagingLimits(d.maxFileBytes(), d.maxFrames(), d.maxDimension(),
                100_000, d.nativeDecoderTimeout(), 1, 1, 1));
        fails(ErrorKind.TOO_LARGE, () -> fewPixels.read(landscape), "decodes to 128000 bytes", "limit of 100000");
        DicomReader fewBytes = new DicomReader(new ImagingLimits(10_000, d.maxFrames(), d.maxDimension(),
                d.maxDecodedBytes(), d.nativeDecoderTimeout(), 1, 1, 1));
        byte[] big = golden("mono2_u16_bs12_landscape", "explicit_le");
        fails(ErrorKind.TOO_LARGE, () -> fewBytes.read(big), "limit of 10000");
        fails(ErrorKind.TOO_LARGE, () -> fewBytes.read(new ByteArrayInputStream(big)), "limit of 10000");

        // A header claiming 60000 x 60000 pixels over a few bytes of pixel data: refused as too
        // large (from the header), not decoded and not "too short".
        byte[] huge = golden("mono2_u8_landscape", "explicit_le").clone();
        setUnsignedShort(huge, 0x0028, 0x0010, 60000);
        setUnsignedShort(huge, 0x0028, 0x0011, 60000);
        fails(ErrorKind.TOO_LARGE, () -> reader.read(huge), "60000x60000");
    }

    @Test
    void theStreamReaderReadsWhatFitsTheLimit() {
        byte[] f = golden("rgb_planar1", "rle");
        assertEquals(reader.read(f), reader.read(new ByteArrayInputStream(f)));
    }

    @Test
    void withoutDcmtkJpegLsIs415SayingDcmtkIsNeeded(@TempDir Path empty) {
        DicomReader noDcmtk = new DicomReader(ImagingLimits.defaults(),
                new NativeDicomDecoder(Duration.ofSeconds(5), List.of(empty), empty));
        fails(ErrorKind.UNSUPPORTED_MEDIA, () -> noDcmtk.read(golden("ct512_s16", "jpegls_lossless_80")),
                "1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", "dcmtk", "dcmdjpls");
        fails(ErrorKind.UNSUPPORTED_MEDIA, () -> noDcmtk.read(golden("multiframe_u16_5f", "jpeg_extended_51")),
                "1.2.840.10008.1.2.4.51", "dcmdjpeg");
        // 8-bit extended JPEG needs no dcmtk
        assertEquals(1, noDcmtk.read(golden("mono2_u8_landscape", "jpeg_extended_51")).frames().size());
    }

    @Test
    void aHangingNativeDecoderIsKilledAtTheTimeoutAnd422(@TempDir Path bin, @TempDir Path tmp) throws IOException {
        fakeTool(bin, "dcmdjpls", "exec sleep 30");
        DicomReader hanging = new DicomReader(ImagingLimits.defaults(),
                new NativeDicomDecoder(Duration.ofMillis(700), List.of(bin), tmp));
        long start = System.nanoTime();
        fails(ErrorKind.UNPROCESSABLE, () -> hanging.read(golden("ct512_s16", "jpegls_lossless_80")),
                "1.2.840.10008.1.2.4.80", "took longer than the limit of 700 ms");
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "the child was not killed at the timeout");
        assertEmpty(tmp);
    }

    @Test
    void aFailingNativeDecoderIsBadInputAndLeavesNoTemporaryFiles(@TempDir Path bin, @TempDir Path tmp)
            throws IOException {
        fakeTool(bin, "dcmdjpls", "echo 'E: something about the file' >&2; exit 3");
        DicomReader failing = new DicomReader(ImagingLimits.defaults(),
                new NativeDicomDecoder(Duration.ofSeconds(5), List.of(bin), tmp));
        RadgateException e = fails(ErrorKind.BAD_INPUT,
                () -> failing.read(golden("rgb_planar0", "jpegls_near_81")), "1.2.840.10008.1.2.4.81", "exit 3");
        assertTrue(!e.getMessage().contains("something about the file"), "child output must not reach the message");
        assertEmpty(tmp);
        DicomReader real = new DicomReader(ImagingLimits.defaults(),
                new NativeDicomDecoder(Duration.ofSeconds(30), List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin")),
                        tmp));
        assertEquals(3, real.read(golden("rgb_planar0", "jpegls_near_81")).format().samplesPerPixel());
        assertEmpty(tmp);
    }

    private static void fakeTool(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void assertEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "temporary files left behind");
        }
    }

    /** Sets a US element of an explicit VR little endian file. */
    static void setUnsignedShort(byte[] f, int group, int element, int value) {
        int at = find(f, group, element, "US");
        f[at + 8] = (byte) value;
        f[at + 9] = (byte) (value >> 8);
    }

    /** Sets an IS/DS/CS element's value of an explicit VR little endian file (same length). */
    static void setString(byte[] f, int group, int element, String value) {
        int at = find(f, group, element, null);
        int len = (f[at + 6] & 0xFF) | (f[at + 7] & 0xFF) << 8;
        assertEquals(len, value.length(), "replacement must keep the length");
        System.arraycopy(value.getBytes(), 0, f, at + 8, len);
    }

    private static int find(byte[] f, int group, int element, String vr) {
        for (int i = 132; i + 8 < f.length; i++) {
            if ((f[i] & 0xFF) == (group & 0xFF) && (f[i + 1] & 0xFF) == group >> 8 && (f[i + 2] & 0xFF) == (element & 0xFF)
                    && (f[i + 3] & 0xFF) == element >> 8 && (vr == null || f[i + 4] == vr.charAt(0) && f[i + 5] == vr.charAt(1))) {
                return i;
            }
        }
        throw new AssertionError("no element (" + group + "," + element + ")");
    }
}
