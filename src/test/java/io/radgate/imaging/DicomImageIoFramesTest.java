package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The JPEG / JPEG 2000 path ({@link DicomEncapsulated} + {@link DicomImageIoFrames}) against
 * PixelMed's own decode of the same files (what radgate did before): the same samples, bit for
 * bit, lossy syntaxes included, and the same reported pixel format; and the frame split rules
 * on re-encapsulated copies of the golden files.
 */
class DicomImageIoFramesTest {
    private final DicomReader reader = new DicomReader(ImagingLimits.defaults());

    @Test
    void everyJpegAndJpeg2000GoldenFileDecodesToPixelMedsSamplesAndLayout() throws Exception {
        int compared = 0;
        List<String> wrong = new ArrayList<>();
        for (JsonNode cell : DicomGoldenData.manifest().get("cells")) {
            if (!cell.has("file")) {
                continue;
            }
            DicomTransferSyntax syntax = DicomTransferSyntax.byUid(cell.get("transfer_syntax_uid").asText());
            JsonNode g = DicomGoldenData.geometry(cell.get("geometry").asText());
            boolean imageIo = syntax.route() == DicomTransferSyntax.Route.IMAGEIO
                    || syntax.route() == DicomTransferSyntax.Route.IMAGEIO_8_BIT_ELSE_DCMTK
                    && g.get("bits_stored").asInt() <= 8;
            if (!imageIo) {
                continue;
            }
            byte[] file = DicomGoldenData.bytes(cell.get("file").asText());
            Instance ours = reader.read(file);
            AttributeList list = new AttributeList();
            DicomQuiet.call(() -> {
                list.read(new DicomInputStream(new ByteArrayInputStream(file)));
                list.correctDecompressedImagePixelModule();
                return null;
            });
            DicomPixelFrames.Layout layout = DicomPixelFrames.layout(list);
            List<Raster> pixelMed = DicomPixelFrames.frames(list, layout, syntax.uid());
            if (!layout.format().equals(ours.format()) || !pixelMed.equals(ours.frames())) {
                wrong.add(cell.get("file").asText() + ": PixelMed " + layout.format() + ", ours " + ours.format()
                        + (pixelMed.equals(ours.frames()) ? "" : ", samples differ"));
            }
            compared++;
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(compared >= 42, "only " + compared + " files compared");
    }

    @Test
    void framesSplitIntoSeveralFragmentsAreJoinedByEndMarkerOrOffsetTable() {
        for (String name : List.of("multiframe_u16_5f__jpeg_lossless_70.dcm", "multiframe_u16_5f__j2k_lossless_90.dcm",
                "ct512_s16__j2k_lossless_90.dcm", "rgb_planar1__jpeg_baseline_50.dcm")) {
            byte[] file = DicomGoldenData.bytes(name);
            Instance expected = reader.read(file);
            List<byte[]> frames = framesOf(file, expected.numberOfFrames());
            assertEquals(expected, reader.read(encapsulate(file, frames, 3, false, true)), name + " by end marker");
            assertEquals(expected, reader.read(encapsulate(file, frames, 3, true, true)), name + " by offset table");
            assertEquals(expected, reader.read(encapsulate(file, frames, 1, true, false)), name + " no delimiter");
        }
    }

    @Test
    void missingFramesAndMalformedItemsAreBadInput() {
        byte[] file = DicomGoldenData.bytes("multiframe_u16_5f__jpeg_lossless_70.dcm");
        List<byte[]> frames = framesOf(file, 5);
        byte[] four = encapsulate(file, frames.subList(0, 4), 1, false, true);
        RadgateException e = assertThrows(RadgateException.class, () -> reader.read(four));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("holds 4 compressed frame(s), expected 5"), e.getMessage());

        byte[] bad = encapsulate(file, frames, 1, false, true);
        int at = pixelDataAt(bad) + 12 + 8; // the first fragment's item tag, after an empty offset table
        bad[at + 1] = 0x7F; // (FFFE,E000) -> (7FFE,E000)
        e = assertThrows(RadgateException.class, () -> reader.read(bad));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());

        byte[] lying = encapsulate(file, frames, 1, false, true);
        lying[at + 7] = 0x7F; // the item's length: about 2 GB
        e = assertThrows(RadgateException.class, () -> reader.read(lying));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void decodingFromSeveralThreadsAtOnceGivesTheSameFrames() throws Exception {
        List<String> names = List.of("ct512_s16__jpeg_lossless_70.dcm", "ct512_s16__j2k_lossless_90.dcm",
                "rgb_planar0__jpeg_baseline_50.dcm", "multiframe_u16_5f__j2k_lossy_91.dcm");
        List<byte[]> files = names.stream().map(DicomGoldenData::bytes).toList();
        List<Instance> expected = files.stream().map(reader::read).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int k = i % files.size();
                results.add(pool.submit(() -> expected.get(k).equals(reader.read(files.get(k)))));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void corruptCompressedDataIsBadInput() {
        for (String name : List.of("ct512_s16__jpeg_lossless_70.dcm", "ct512_s16__j2k_lossless_90.dcm")) {
            byte[] file = DicomGoldenData.bytes(name).clone();
            int from = pixelDataAt(file) + 12 + 8 + 8; // inside the first fragment
            Arrays.fill(file, from, from + 64, (byte) 0x5A); // the codestream's header markers
            RadgateException e = assertThrows(RadgateException.class, () -> reader.read(file), name);
            assertEquals(ErrorKind.BAD_INPUT, e.kind(), e.getMessage());
        }
    }

    /** Each frame's compressed bytes, as the reader cuts them. */
    private static List<byte[]> framesOf(byte[] file, int frames) {
        List<byte[]> out = new ArrayList<>();
        for (DicomEncapsulated.Frame f : DicomEncapsulated.frames(file, pixelDataAt(file), frames, "test")) {
            out.add(Arrays.copyOfRange(f.data(), f.offset(), f.offset() + f.length()));
        }
        return out;
    }

    /**
     * The file with its Pixel Data re-encapsulated: every frame cut into {@code pieces}
     * even-length fragments (the last zero-padded), with or without a Basic Offset Table and
     * the Sequence Delimitation Item (without it the file ends after the last fragment).
     */
    private static byte[] encapsulate(byte[] file, List<byte[]> frames, int pieces, boolean offsetTable,
                                      boolean delimiter) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        List<Integer> starts = new ArrayList<>();
        for (byte[] frame : frames) {
            starts.add(items.size());
            byte[] even = Arrays.copyOf(frame, frame.length + (frame.length & 1));
            int chunk = Math.max(2, (even.length / pieces + 1) & ~1);
            for (int at = 0; at < even.length; at += chunk) {
                item(items, Arrays.copyOfRange(even, at, Math.min(even.length, at + chunk)));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, pixelDataAt(file) + 12);
        byte[] table = new byte[offsetTable ? 4 * frames.size() : 0];
        for (int f = 0; f < table.length / 4; f++) {
            putU32(table, 4 * f, starts.get(f));
        }
        item(out, table);
        out.writeBytes(items.toByteArray());
        if (delimiter) {
            out.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0});
        }
        return out.toByteArray();
    }

    private static void item(ByteArrayOutputStream out, byte[] value) {
        byte[] header = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0, 0, 0};
        putU32(header, 4, value.length);
        out.writeBytes(header);
        out.writeBytes(value);
    }

    private static void putU32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Where the encapsulated Pixel Data element (7FE0,0010) OB, undefined length, starts. */
    static int pixelDataAt(byte[] file) {
        byte[] tag = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        for (int i = file.length - tag.length; i >= 0; i--) {
            if (Arrays.equals(file, i, i + tag.length, tag, 0, tag.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no encapsulated Pixel Data");
    }
}
