package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.testing.DicomBytes;
import io.radgate.testing.NiftiBytes;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Files whose structure lies (issue 8 item 9): sequences nested 2,000 deep (PixelMed
 * overflowed its stack: 503), a length field forged by one bit flip to claim a gigabyte
 * (PixelMed allocated it: 503 "not enough memory"), a NIfTI voxel size of infinity. Each is
 * BAD_INPUT naming the problem, in every read mode.
 */
class MalformedStructureTest {
    private final DicomReader reader = new DicomReader(ImagingLimits.defaults());

    private static RadgateException badInput(Runnable read, String... mentions) {
        RadgateException e = assertThrows(RadgateException.class, read::run);
        assertEquals(ErrorKind.BAD_INPUT, e.kind(), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), e.getMessage() + " lacks " + m);
        }
        return e;
    }

    private void everyMode(byte[] file, String... mentions) {
        for (Function<byte[], Instance> mode : java.util.List.<Function<byte[], Instance>>of(reader::read,
                reader::readHeader, reader::readHeaderOfIntactImage)) {
            badInput(() -> mode.apply(file), mentions);
        }
    }

    @Test
    void aWellFormedFileAndModestNestingRead() {
        Instance plain = reader.read(new DicomBytes(8, 6, 1).bytes());
        assertEquals(1, plain.frames().size());
        assertEquals(1, reader.read(new DicomBytes(8, 6, 1).nested(20).bytes()).frames().size());
        assertEquals(1, reader.read(new DicomBytes(8, 6, 1).trailingPadding(new byte[16]).bytes()).frames().size());
    }

    @Test
    void sequencesNested2000DeepAreBadInputNotAStackOverflow() {
        everyMode(new DicomBytes(8, 6, 2).nested(2000).bytes(), "nested more than " + DicomStructure.MAX_SEQUENCE_DEPTH);
        everyMode(new DicomBytes(8, 6, 2).nested(DicomStructure.MAX_SEQUENCE_DEPTH + 1).bytes(), "nested");
    }

    @Test
    void aLengthForgedToAGigabyteAfterPixelDataIsBadInputNamingIt() {
        byte[] f = new DicomBytes(8, 6, 3).trailingPadding(new byte[16]).bytes();
        int at = DicomBytes.longLengthOffset(f, 0xFFFC, 0xFFFC);
        DicomBytes.putU32(f, at, 16 | 1L << 30); // one bit flipped: 16 bytes become 1 GiB + 16
        badInput(() -> reader.read(f), "(FFFC,FFFC) declares 1073741840 bytes", "only 16 follow");
    }

    @Test
    void aLengthForgedInsideANestedSequenceIsBadInputInEveryMode() {
        byte[] f = new DicomBytes(8, 6, 4).nested(3).bytes();
        // the innermost LO value length (short form, 2 bytes) stays; forge the Pixel Data length instead
        int at = DicomBytes.longLengthOffset(f, 0x7FE0, 0x0010);
        DicomBytes.putU32(f, at, 96 | 1L << 30);
        badInput(() -> reader.read(f), "Pixel Data declares 1073741920 bytes");
        badInput(() -> reader.readHeaderOfIntactImage(f), "Pixel Data declares 1073741920 bytes");
    }

    @Test
    void aNiftiVoxelSizeOfInfinityIsBadInputNamingPixdim() {
        badInput(() -> NiftiHeader.parse(new NiftiBytes(4, 4, 4).pixdim(Float.POSITIVE_INFINITY, 1, 1).bytes()), "pixdim[1] = Infinity");
    }
}
