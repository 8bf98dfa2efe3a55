package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DicomReader#readHeaderOfIntactImage}: the header alone, but only for a file whose pixel
 * data is all there (CT-CLIP counts only such files as slices). Golden files from
 * make_dicom_phantoms.py.
 */
class DicomIntactHeaderTest {
    private static final List<String> NATIVE = List.of("explicit_le", "implicit_le", "big_endian", "deflate");
    private static final List<String> ENCAPSULATED = List.of("jpeg_lossless_70", "jpeg_lossless_57", "rle",
            "j2k_lossless_90", "jpegls_lossless_80");

    private final DicomReader reader = new DicomReader(ImagingLimits.defaults());

    private static byte[] golden(String geometry, String syntax) {
        return DicomGoldenData.bytes(geometry + "__" + syntax + ".dcm");
    }

    private RadgateException badInput(byte[] file, String... mentions) {
        RadgateException e = assertThrows(RadgateException.class, () -> reader.readHeaderOfIntactImage(file));
        assertEquals(ErrorKind.BAD_INPUT, e.kind(), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "'" + e.getMessage() + "' should mention '" + m + "'");
        }
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ct512_s16", "multiframe_u16_5f", "mono2_u8_landscape"})
    void anIntactFileGivesTheSameHeaderAsReadHeaderWithNoFramesInEverySyntax(String geometry) {
        for (String syntax : concat(NATIVE, ENCAPSULATED)) {
            byte[] f = golden(geometry, syntax);
            Instance header = reader.readHeaderOfIntactImage(f);
            assertEquals(List.of(), header.frames(), syntax);
            assertEquals(reader.readHeader(f), header, syntax);
            assertEquals(DicomGoldenData.geometry(geometry).get("frames").asInt(1), header.numberOfFrames(), syntax);
        }
    }

    @Test
    void theIntactHeaderCarriesTheTagsSeriesSelectionNeeds() {
        Instance h = reader.readHeaderOfIntactImage(golden("ct512_s16", "explicit_le"));
        Instance full = reader.read(golden("ct512_s16", "explicit_le"));
        assertEquals(full.uids(), h.uids());
        assertEquals(full.modality(), h.modality());
        assertEquals(full.format(), h.format());
        assertEquals(full.plane(), h.plane());
        assertEquals(full.rescaleSlope(), h.rescaleSlope());
        assertEquals(full.rescaleIntercept(), h.rescaleIntercept());
        assertEquals(1, full.frames().size());
    }

    @Test
    void aNativeFileTruncatedInsideItsPixelDataIsBadInputThoughItsHeaderReads() {
        for (String syntax : List.of("explicit_le", "implicit_le", "big_endian")) {
            byte[] full = golden("ct512_s16", syntax);
            for (int cut : new int[] {full.length * 6 / 10, full.length - 1}) {
                byte[] truncated = Arrays.copyOf(full, cut);
                reader.readHeader(truncated); // the tags are all there
                badInput(truncated, "truncated", "Pixel Data declares 524288 bytes");
            }
        }
        byte[] deflated = golden("ct512_s16", "deflate");
        badInput(Arrays.copyOf(deflated, deflated.length * 6 / 10));
    }

    @Test
    void aNativeMultiFrameFileMissingItsLastFrameIsBadInput() {
        byte[] full = golden("multiframe_u16_5f", "explicit_le");
        JsonGeometry g = JsonGeometry.of("multiframe_u16_5f");
        int frameBytes = g.rows * g.columns * 2;
        byte[] truncated = Arrays.copyOf(full, full.length - frameBytes);
        reader.readHeader(truncated);
        badInput(truncated, "truncated");
    }

    @Test
    void anEncapsulatedFileTruncatedInsideAFragmentIsBadInput() {
        for (String syntax : ENCAPSULATED) {
            for (String geometry : List.of("ct512_s16", "multiframe_u16_5f")) {
                byte[] full = golden(geometry, syntax);
                byte[] truncated = Arrays.copyOf(full, full.length * 6 / 10);
                reader.readHeader(truncated);
                badInput(truncated);
            }
        }
        byte[] jpeg = golden("ct512_s16", "jpeg_lossless_70");
        badInput(Arrays.copyOf(jpeg, jpeg.length * 6 / 10), "truncated", "ends early");
        // cut inside the 8-byte header of an item (here: the sequence delimiter)
        badInput(Arrays.copyOf(jpeg, jpeg.length - 3), "truncated");
    }

    @Test
    void aMultiFrameEncapsulatedFileCutAfterAWholeFragmentIsBadInputForTheMissingFrames() {
        byte[] full = golden("multiframe_u16_5f", "jpeg_lossless_70");
        // drop the delimiter and the last frame's item whole: the sequence ends cleanly, one frame short
        int lastItem = lastItemTag(full);
        byte[] cut = Arrays.copyOf(full, lastItem);
        badInput(cut, "expected 5");
    }

    @Test
    void aFileWithoutPixelDataIsBadInput() throws Exception {
        byte[] full = golden("ct512_s16", "explicit_le");
        // cut just before the Pixel Data tag: every other tag is intact
        int at = indexOf(full, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00});
        byte[] headerOnly = Arrays.copyOf(full, at);
        reader.readHeader(headerOnly);
        badInput(headerOnly, "no image pixel data");

        // rewritten without Pixel Data, in every native syntax
        for (String syntax : List.of(TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian,
                TransferSyntax.ExplicitVRBigEndian, TransferSyntax.DeflatedExplicitVRLittleEndian)) {
            byte[] f = rewritten(full, syntax, l -> l.remove(TagFromName.PixelData));
            assertEquals(syntax, reader.readHeader(f).transferSyntaxUid());
            badInput(f);
        }
        // a non-image object: no image pixel module at all
        badInput(rewritten(full, TransferSyntax.ExplicitVRLittleEndian, l -> {
            for (AttributeTag t : new AttributeTag[] {TagFromName.PixelData, TagFromName.Rows, TagFromName.Columns,
                TagFromName.BitsAllocated, TagFromName.BitsStored, TagFromName.SamplesPerPixel}) {
                l.remove(t);
            }
        }), "no image pixel data");
    }

    @Test
    void aDeflatedFileWithoutPixelDataIsBadInputEvenWhenItsHeaderOutweighsTheImage() throws Exception {
        // 4 x 4 x 16 bits: 32 bytes of pixels expected, fewer than the header's own bytes
        byte[] f = rewritten(golden("ct512_s16", "explicit_le"), TransferSyntax.DeflatedExplicitVRLittleEndian, l -> {
            l.remove(TagFromName.PixelData);
            setInt(l, TagFromName.Rows, 4);
            setInt(l, TagFromName.Columns, 4);
        });
        assertEquals(4, reader.readHeader(f).format().rows());
        badInput(f);
    }

    @Test
    void aFileCutInsideItsHeaderIsBadInput() {
        byte[] full = golden("ct512_s16", "explicit_le");
        badInput(Arrays.copyOf(full, 300));
    }

    /** {@code file} rewritten in {@code syntax} after {@code edit}. */
    private static byte[] rewritten(byte[] file, String syntax, Consumer<AttributeList> edit) throws Exception {
        AttributeList list = new AttributeList();
        list.read(new DicomInputStream(new ByteArrayInputStream(file)));
        edit.accept(list);
        list.remove(TagFromName.TransferSyntaxUID);
        FileMetaInformation.addFileMetaInformation(list, syntax, "RADGATE_TEST");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list.write(out, syntax, true, true);
        return out.toByteArray();
    }

    private static void setInt(AttributeList list, AttributeTag tag, int value) {
        try {
            list.get(tag).setValue(value);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the last item tag (FFFE,E000) of the file starts. */
    private static int lastItemTag(byte[] f) {
        byte[] item = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0};
        for (int i = f.length - 4; i >= 0; i--) {
            if (Arrays.equals(f, i, i + 4, item, 0, 4)) {
                return i;
            }
        }
        throw new AssertionError("no item tag");
    }

    private static int indexOf(byte[] f, byte[] pattern) {
        for (int i = 132; i + pattern.length <= f.length; i++) {
            if (Arrays.equals(f, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The rows and columns of a golden geometry. */
    private record JsonGeometry(int rows, int columns) {
        static JsonGeometry of(String name) {
            var g = DicomGoldenData.geometry(name);
            return new JsonGeometry(g.get("rows").asInt(), g.get("columns").asInt());
        }
    }
}
