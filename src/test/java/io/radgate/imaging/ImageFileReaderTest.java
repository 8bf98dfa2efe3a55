package io.radgate.imaging;

import static io.radgate.imaging.ImageFileTestCases.firstDifference;
import static io.radgate.imaging.ImageFileTestCases.maxDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFileReaderTest {
    private static final ImagingLimits DEFAULTS = ImagingLimits.defaults();

    private static ImagingLimits limits(long maxFileBytes, int maxDimension, long maxDecodedBytes) {
        return new ImagingLimits(maxFileBytes, 4096, maxDimension, maxDecodedBytes, Duration.ofSeconds(30), 20000, 1L << 32, 200);
    }

    private static RadgateException failure(byte[] data, ImagingLimits limits, ErrorKind kind, String... inMessage) {
        RadgateException e = assertThrows(RadgateException.class, () -> new ImageFileReader(limits).read(data));
        assertEquals(kind, e.kind(), e.getMessage());
        for (String part : inMessage) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
        }
        return e;
    }

    @TestFactory
    Stream<DynamicTest> decodesEveryGeneratedImageToItsStoredSamples() {
        return ImageFileTestCases.all().stream().filter(c -> c.expected() != null).map(c -> dynamicTest(c.name(), () -> {
            ImageFile file = new ImageFileReader(DEFAULTS).read(c.data());
            assertEquals(ImageFileFormat.valueOf(c.format()), file.format());
            assertEquals(c.expected().type(), file.raster().type(), c.name());
            double diff = maxDifference(c.expected(), file.raster());
            assertTrue(diff <= c.tolerance(), () -> c.name() + ": max difference " + diff + " > " + c.tolerance()
                    + "; " + firstDifference(c.expected(), file.raster()));
            assertEquals(c.orientation(), file.orientation(), "orientation reported, not applied");
        }));
    }

    @ParameterizedTest
    @CsvSource({"gray8.png,U8,1", "gray16.png,U16,1", "rgb8.png,U8,3", "rgba8.png,U8,4", "gray_alpha8.png,U8,2",
        "rgb16.png,U16,3", "rgba16.png,U16,4", "palette.png,U8,3", "palette_trns.png,U8,4", "bilevel.png,U8,1",
        "gray.jpg,U8,1", "rgb420.jpg,U8,3", "gray8.tif,U8,1", "gray16.tif,U16,1", "rgb8.tif,U8,3", "rgba8.tif,U8,4",
        "rgb16.tif,U16,3", "palette.tif,U8,3", "bilevel.tif,U8,1", "gray8.bmp,U8,1", "rgb8.bmp,U8,3", "palette.bmp,U8,3"})
    void layoutFollowsTheFile(String name, Raster.Type type, int channels) {
        ImageFile file = new ImageFileReader(DEFAULTS).read(ImageFileTestCases.named(name).data());
        assertEquals(type, file.raster().type());
        assertEquals(channels, file.raster().channels());
        assertEquals(53, file.raster().width());
        assertEquals(37, file.raster().height());
        assertEquals(channels == 2 || channels == 4, file.hasAlpha());
        assertEquals(false, file.alphaPremultiplied());
    }

    @Test
    void pngClaiming100000SquaredIsRefusedFromItsHeaderAlone() {
        byte[] bomb = ImageFileTestCases.named("bomb_100000.png").data();
        assertTrue(bomb.length < 100, "a few bytes claim 10^10 pixels");
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 20; i++) {
                failure(bomb, DEFAULTS, ErrorKind.TOO_LARGE, "100000x100000", "imaging.max-dimension");
            }
        });
        assertThrows(RadgateException.class, () -> ImageFileGray.decode(bomb, DEFAULTS));
    }

    @Test
    void otherBombsAreRefusedBeforeDecoding() {
        failure(ImageFileTestCases.named("bomb_pixels.png").data(), DEFAULTS, ErrorKind.TOO_LARGE, "16000x16000",
                "3 channel(s)", "imaging.max-decoded-bytes");
        failure(ImageFileTestCases.named("bomb.jpg").data(), DEFAULTS, ErrorKind.TOO_LARGE, "60000x60000",
                "imaging.max-dimension");
        failure(ImageFileTestCases.named("bomb.tif").data(), DEFAULTS, ErrorKind.TOO_LARGE, "200000x200000",
                "imaging.max-dimension");
    }

    @Test
    void limitsComeFromConfiguration() {
        byte[] rgb = ImageFileTestCases.named("rgb8.png").data();
        failure(rgb, limits(1 << 20, 52, 1 << 20), ErrorKind.TOO_LARGE, "53x37", "largest side allowed is 52");
        failure(rgb, limits(1 << 20, 100, 53 * 37 * 3 - 1), ErrorKind.TOO_LARGE, "imaging.max-decoded-bytes");
        new ImageFileReader(limits(1 << 20, 53, 53 * 37 * 3)).read(rgb);
        failure(rgb, limits(rgb.length - 1, 100, 1 << 20), ErrorKind.TOO_LARGE, "imaging.max-file-bytes");
        RadgateException e = assertThrows(RadgateException.class,
                () -> new ImageFileReader(limits(rgb.length - 1, 100, 1 << 20)).read(new ByteArrayInputStream(rgb)));
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
    }

    @Test
    void unknownFormatsAreUnsupportedMediaNamingWhatWasSniffed() {
        failure(ImageFileTestCases.named("image.gif").data(), DEFAULTS, ErrorKind.UNSUPPORTED_MEDIA, "a GIF image",
                "PNG, JPEG, TIFF and BMP");
        failure("hello, world".getBytes(StandardCharsets.US_ASCII), DEFAULTS, ErrorKind.UNSUPPORTED_MEDIA,
                "unknown data starting 0x68656c6c6f2c2077");
        byte[] dicom = new byte[200];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, dicom, 128, 4);
        failure(dicom, DEFAULTS, ErrorKind.UNSUPPORTED_MEDIA, "a DICOM file");
        failure(new byte[0], DEFAULTS, ErrorKind.UNSUPPORTED_MEDIA, "nothing");
    }

    @Test
    void sniffingIgnoresTheNameAndReturnsTheFormat() {
        assertEquals(ImageFileFormat.TIFF, ImageFileFormat.sniff(ImageFileTestCases.named("rgb16.tif").data()).orElseThrow());
        assertEquals(ImageFileFormat.BMP, ImageFileFormat.sniff(ImageFileTestCases.named("gray8.bmp").data()).orElseThrow());
        assertEquals(ImageFileFormat.JPEG, ImageFileFormat.sniff(ImageFileTestCases.named("gray.jpg").data()).orElseThrow());
    }

    @Test
    void truncatedFileIsBadInput() {
        failure(ImageFileTestCases.named("truncated.png").data(), DEFAULTS, ErrorKind.BAD_INPUT, "corrupt or truncated PNG");
        byte[] jpeg = ImageFileTestCases.named("rgb420.jpg").data();
        failure(java.util.Arrays.copyOf(jpeg, 30), DEFAULTS, ErrorKind.BAD_INPUT, "JPEG");
    }
}
