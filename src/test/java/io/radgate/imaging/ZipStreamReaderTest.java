package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZipStreamReaderTest {
    private static final ImagingLimits DEFAULTS = ImagingLimits.defaults();

    private static ImagingLimits limits(long maxFileBytes, int maxEntries, long maxTotal, int maxRatio) {
        return new ImagingLimits(maxFileBytes, 4096, 16384, 1L << 28, Duration.ofSeconds(30), maxEntries, maxTotal, maxRatio);
    }

    /** Reads every kept entry fully; returns name → bytes in archive order. */
    private static Map<String, byte[]> readAll(byte[] zip, ImagingLimits limits, ZipSkipRule rule) throws IOException {
        Map<String, byte[]> seen = new LinkedHashMap<>();
        new ZipStreamReader(limits, rule).read(new ByteArrayInputStream(zip), e -> seen.put(e.name(), e.readAllBytes()));
        return seen;
    }

    private static RadgateException failure(byte[] zip, ImagingLimits limits, ErrorKind kind, String... inMessage) {
        RadgateException e = assertThrows(RadgateException.class, () -> readAll(zip, limits, ZipSkipRule.NONE));
        assertEquals(kind, e.kind(), e.getMessage());
        for (String part : inMessage) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
        }
        return e;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** An archive written by java.util.zip: deflated entries carry data descriptors, directories are entries. */
    private static byte[] javaZip(Map<String, byte[]> files, String storedName) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                if (f.getKey().equals(storedName)) {
                    CRC32 crc = new CRC32();
                    crc.update(f.getValue());
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(f.getValue().length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void readsNestedEntriesSkipsDirectoriesAndKeepsOrder() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("study/", new byte[0]);
        files.put("study/series1/", new byte[0]);
        files.put("study/series1/IM0001", random(70_000, 1));
        files.put("study/series1/IM0002", bytes("second"));
        files.put("study/series2/deeper/IM0001", random(10, 2));
        files.put("top.dcm", new byte[0]);
        byte[] zip = javaZip(files, "study/series1/IM0002");

        List<String> names = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        Map<String, byte[]> got = new LinkedHashMap<>();
        ZipStreamReader.Summary summary = new ZipStreamReader(DEFAULTS, ZipSkipRule.NONE).read(
                new ByteArrayInputStream(zip), e -> {
                    names.add(e.name());
                    bases.add(e.baseName());
                    got.put(e.name(), e.readAllBytes());
                });
        assertEquals(List.of("study/series1/IM0001", "study/series1/IM0002", "study/series2/deeper/IM0001", "top.dcm"), names);
        assertEquals(List.of("IM0001", "IM0002", "IM0001", "top.dcm"), bases);
        for (String name : names) {
            assertArrayEquals(files.get(name), got.get(name), name);
        }
        assertEquals(new ZipStreamReader.Summary(6, 4, 2, 70_016), summary);
    }

    @Test
    void entryWithDataDescriptorReadsLikeAnyOther() throws IOException {
        byte[] body = random(200_000, 3);
        byte[] zip = new ZipTestArchives()
                .add("a.dcm", body, ZipTestArchives.DEFLATED, true, null)
                .add("b.dcm", bytes("after the descriptor"), ZipTestArchives.DEFLATED, false, null)
                .build();
        Map<String, byte[]> got = readAll(zip, DEFAULTS, ZipSkipRule.NONE);
        assertArrayEquals(body, got.get("a.dcm"));
        assertEquals("after the descriptor", new String(got.get("b.dcm"), StandardCharsets.UTF_8));
    }

    @Test
    void storedEntryWithDataDescriptorCannotBeStreamed() {
        byte[] zip = new ZipTestArchives().add("a.dcm", bytes("x"), ZipTestArchives.STORED, true, null).build();
        failure(zip, DEFAULTS, ErrorKind.BAD_INPUT, "not a valid ZIP archive", "descriptor");
    }

    @Test
    void visitorMayReadPartOfAnEntryAndTheRestIsSkipped() throws IOException {
        byte[] zip = new ZipTestArchives().add("a", random(100_000, 4)).add("b", bytes("bee")).build();
        List<String> seen = new ArrayList<>();
        ZipStreamReader.Summary s = new ZipStreamReader(DEFAULTS, ZipSkipRule.NONE).read(new ByteArrayInputStream(zip), e -> {
            byte[] head = e.stream().readNBytes(10);
            seen.add(e.name() + ":" + head.length);
            e.stream().close();
        });
        assertEquals(List.of("a:10", "b:3"), seen);
        assertEquals(100_003, s.uncompressedBytes());
    }

    @Test
    void ctClipSkipRuleLooksAtTheBaseNameCaseInsensitively() throws IOException {
        byte[] zip = new ZipTestArchives()
                .add("study/.DS_Store", bytes("x"))
                .add("study/NOTES.TXT", bytes("x"))
                .add("study/Report.Pdf", bytes("x"))
                .add("study/key.JPG", bytes("x"))
                .add("study/thumb.png", bytes("x"))
                .add("__MACOSX/study/._IM1", bytes("x"))
                .add("__MACOSX/study/IM1", bytes("x"))
                .add("study/IM1", bytes("kept"))
                .add("series.txt/IM2", bytes("kept: only the base name counts"))
                .add(".hidden/IM3", bytes("kept: only the base name counts"))
                .add("study/IM4.jpeg", bytes("kept: CT-CLIP lists .jpg only"))
                .build();
        assertEquals(List.of("study/IM1", "series.txt/IM2", ".hidden/IM3", "study/IM4.jpeg"),
                List.copyOf(readAll(zip, DEFAULTS, ZipSkipRule.CT_CLIP).keySet()));
        assertEquals(11, readAll(zip, DEFAULTS, ZipSkipRule.NONE).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.dcm", "study/../../evil.dcm", "/etc/passwd", "\\windows\\evil", "C:\\evil.dcm",
        "c:evil", "study\\..\\..\\evil.dcm", "a/..", ".."})
    void pathTraversalRejectsTheUploadNamingTheEntry(String name) {
        byte[] zip = new ZipTestArchives().add("fine/IM1", bytes("ok")).add(name, bytes("x")).build();
        failure(zip, DEFAULTS, ErrorKind.BAD_INPUT, "ZIP entry \"" + name + "\"", "refused");
    }

    @Test
    void traversalIsRejectedEvenWhenTheEntryWouldBeSkipped() {
        byte[] zip = new ZipTestArchives().add("../notes.txt", bytes("x")).build();
        RadgateException e = assertThrows(RadgateException.class, () -> readAll(zip, DEFAULTS, ZipSkipRule.CT_CLIP));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
    }

    @Test
    void namesThatOnlyLookOddAreAllowed() throws IOException {
        byte[] zip = new ZipTestArchives().add("a/..b/c..", bytes("1")).add("./x/./y", bytes("2")).add("d:/", new byte[0])
                .build();
        // "d:/" would be a drive letter: refused; the first two are fine
        failure(zip, DEFAULTS, ErrorKind.BAD_INPUT, "\"d:/\"", "drive letter");
        byte[] ok = new ZipTestArchives().add("a/..b/c..", bytes("1")).add("./x/./y", bytes("2")).build();
        assertEquals(2, readAll(ok, DEFAULTS, ZipSkipRule.NONE).size());
    }

    @Test
    void highlyCompressibleEntryOverTheRatioIsTooLarge() {
        byte[] zeros = new byte[20 << 20];
        byte[] zip = new ZipTestArchives().add("bomb.dcm", zeros).build();
        assertTrue(zip.length < 100_000, "20 MiB of zeros deflates to " + zip.length);
        failure(zip, DEFAULTS, ErrorKind.TOO_LARGE, "ZIP entry \"bomb.dcm\"", "200:1", "zip.max-ratio");
    }

    @Test
    void smallCompressibleEntriesAreWithinTheGrace() throws IOException {
        byte[] zip = new ZipTestArchives().add("blank1", new byte[512 * 1024]).add("blank2", new byte[100]).build();
        assertEquals(2, readAll(zip, DEFAULTS, ZipSkipRule.NONE).size());
    }

    @Test
    void manySmallCompressibleEntriesTripTheArchiveRatio() {
        ZipTestArchives archive = new ZipTestArchives();
        for (int i = 0; i < 40; i++) {
            archive.add("blank" + i, new byte[512 * 1024]);
        }
        failure(archive.build(), DEFAULTS, ErrorKind.TOO_LARGE, "the ZIP archive expands more than 200:1", "zip.max-ratio");
    }

    @Test
    void lyingHeaderSizeDoesNotBuyMoreBytes() {
        byte[] zeros = new byte[20 << 20];
        byte[] zip = new ZipTestArchives().add("liar", zeros, ZipTestArchives.DEFLATED, false, 100L).build();
        failure(zip, DEFAULTS, ErrorKind.TOO_LARGE, "ZIP entry \"liar\"", "zip.max-ratio");
        // the per-entry size limit counts inflated bytes too, whatever the header says
        byte[] noise = random(300_000, 5);
        byte[] zip2 = new ZipTestArchives().add("liar", noise, ZipTestArchives.DEFLATED, false, 100L).build();
        failure(zip2, limits(200_000, 100, 1L << 30, 200), ErrorKind.TOO_LARGE, "ZIP entry \"liar\"", "200000 bytes",
                "imaging.max-file-bytes");
    }

    @Test
    void lyingHeaderSizeWithinTheLimitsIsACorruptArchive() {
        byte[] zip = new ZipTestArchives().add("liar", random(5000, 6), ZipTestArchives.DEFLATED, false, 100L).build();
        failure(zip, DEFAULTS, ErrorKind.BAD_INPUT, "not a valid ZIP archive", "liar");
    }

    @Test
    void tooManyEntries() {
        ZipTestArchives archive = new ZipTestArchives();
        for (int i = 0; i < 30; i++) {
            archive.add("dir" + i + "/", new byte[0]);
        }
        failure(archive.build(), limits(1 << 20, 20, 1L << 30, 200), ErrorKind.TOO_LARGE, "more than 20 entries",
                "zip.max-entries");
    }

    @Test
    void totalUncompressedBytesCountSkippedEntriesToo() {
        ZipTestArchives archive = new ZipTestArchives();
        for (int i = 0; i < 5; i++) {
            archive.add("notes" + i + ".txt", random(1 << 20, 10 + i));
        }
        RadgateException e = assertThrows(RadgateException.class,
                () -> readAll(archive.build(), limits(2 << 20, 100, 3 << 20, 200), ZipSkipRule.CT_CLIP));
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("zip.max-total-bytes"), e.getMessage());
    }

    @Test
    void visitorCannotSwallowALimitViolation() {
        byte[] zip = new ZipTestArchives().add("big", random(300_000, 7)).add("next", bytes("x")).build();
        RadgateException e = assertThrows(RadgateException.class,
                () -> new ZipStreamReader(limits(100_000, 100, 1L << 30, 200), ZipSkipRule.NONE).read(
                        new ByteArrayInputStream(zip), entry -> {
                            try {
                                entry.readAllBytes();
                            } catch (RuntimeException swallowed) {
                                // a careless parser
                            }
                        }));
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
    }

    @Test
    void unsupportedCompressionMethodIsNamed() {
        byte[] zip = new ZipTestArchives().add("a.dcm", bytes("xx"), 12, false, null).build();
        failure(zip, DEFAULTS, ErrorKind.UNSUPPORTED_MEDIA, "\"a.dcm\"", "compression method 12");
    }

    @Test
    void nonZipUploadsAreBadInputNamingWhatTheyLookLike() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
        failure(png, DEFAULTS, ErrorKind.BAD_INPUT, "not a valid ZIP archive", "PNG image");
        byte[] dicom = new byte[300];
        System.arraycopy(bytes("DICM"), 0, dicom, 128, 4);
        failure(dicom, DEFAULTS, ErrorKind.BAD_INPUT, "not a valid ZIP archive", "DICOM file");
        failure(new byte[0], DEFAULTS, ErrorKind.BAD_INPUT, "not a valid ZIP archive", "empty");
        failure(bytes("PK"), DEFAULTS, ErrorKind.BAD_INPUT, "not a valid ZIP archive");
        failure(random(1000, 8), DEFAULTS, ErrorKind.BAD_INPUT, "not a valid ZIP archive");
    }

    @Test
    void emptyArchiveHasNoEntries() throws IOException {
        byte[] zip = new ZipTestArchives().build();
        assertEquals(22, zip.length);
        assertEquals(new ZipStreamReader.Summary(0, 0, 0, 0),
                new ZipStreamReader(DEFAULTS, ZipSkipRule.NONE).read(new ByteArrayInputStream(zip), e -> {
                    throw new AssertionError("no entries expected");
                }));
    }

    @Test
    void truncatedArchivesAreBadInput() throws IOException {
        byte[] a = random(50_000, 9);
        byte[] zip = new ZipTestArchives().add("a", a).add("b", bytes("bee")).build();
        // cut inside the first entry's data
        failure(Arrays.copyOf(zip, 20_000), DEFAULTS, ErrorKind.BAD_INPUT, "not a valid ZIP archive");
        // cut exactly after the first entry: every entry read is whole, but the archive is not
        byte[] first = new ZipTestArchives().add("a", a).build();
        int firstEntryLength = first.length - 22 - (46 + 1);
        failure(Arrays.copyOf(zip, firstEntryLength), DEFAULTS, ErrorKind.BAD_INPUT, "end-of-central-directory");
        // cut inside the central directory
        failure(Arrays.copyOf(zip, zip.length - 10), DEFAULTS, ErrorKind.BAD_INPUT, "end-of-central-directory");
        assertEquals(2, readAll(zip, DEFAULTS, ZipSkipRule.NONE).size());
    }

    @Test
    void centralDirectoryMustCountTheSameEntries() {
        byte[] zip = new ZipTestArchives().add("a", bytes("1")).add("b", bytes("2")).claimEntries(3).build();
        failure(zip, DEFAULTS, ErrorKind.BAD_INPUT, "lists 3 entries but the stream held 2");
    }

    @Test
    void corruptDeflateDataIsBadInput() {
        byte[] zip = new ZipTestArchives().add("a", random(10_000, 11)).build();
        for (int i = 60; i < 200; i++) {
            zip[i] = (byte) 0xFF;
        }
        failure(zip, DEFAULTS, ErrorKind.BAD_INPUT, "not a valid ZIP archive", "\"a\"");
    }

    @Test
    void skipRuleUnit() {
        assertTrue(ZipSkipRule.CT_CLIP.skips("x/.hidden"));
        assertTrue(ZipSkipRule.CT_CLIP.skips("x\\Y.TXT"));
        assertTrue(ZipSkipRule.CT_CLIP.skips("__macosx/IM1"));
        assertFalse(ZipSkipRule.CT_CLIP.skips("x.txt/IM1"));
        assertFalse(ZipSkipRule.CT_CLIP.skips("IM1.dcm"));
        assertFalse(ZipSkipRule.NONE.skips(".hidden"));
    }
}
