package io.radgate.imaging;

import static io.radgate.imaging.ImageFileTestCases.firstDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ImageFileGrayTest {
    private static final ImagingLimits DEFAULTS = ImagingLimits.defaults();

    /** Every image OpenCV could decode: the same bytes as cv2.imdecode(data, IMREAD_GRAYSCALE), orientation included. */
    @TestFactory
    Stream<DynamicTest> equalsOpenCvImdecodeGrayscaleByteForByte() {
        return ImageFileTestCases.all().stream().filter(c -> c.cvGray() != null).map(c -> dynamicTest(c.name(), () -> {
            Raster gray = ImageFileGray.decode(c.data(), DEFAULTS);
            assertEquals(Raster.Type.U8, gray.type());
            assertEquals(1, gray.channels());
            assertEquals(c.cvGray().width(), gray.width(), c.name() + " width");
            assertEquals(c.cvGray().height(), gray.height(), c.name() + " height");
            assertEquals(c.cvGray(), gray, () -> c.name() + ": " + firstDifference(c.cvGray(), gray));
        }));
    }

    @Test
    void everyLosslessFileHasAnOpenCvReference() {
        for (String name : new String[] {"rgb8.png", "rgb16.png", "rgb8_srgb.png", "rgb16.tif", "rgba8.tif", "rgb420.jpg",
            "rgb_exif8.jpg", "palette.bmp"}) {
            assertNotNull(ImageFileTestCases.named(name).cvGray(), name);
        }
    }

    /**
     * Numbers derived by hand from the coefficients, for a pure green pixel (0, 255, 0):
     * libpng truncates 19234 × 255 / 2^15 = 149.68 to 149; OpenCV's 14-bit helper rounds
     * (9617 × 255 + 8192) / 2^14 = 150.18 to 150 (cvtColor would give 150 too, from
     * (19235 × 255 + 16384) / 2^15 = 150.18).
     */
    @Test
    void coefficientsDifferByCodecAsInOpenCv() {
        Raster green = Raster.u8(1, 1, 3, new byte[] {0, (byte) 255, 0});
        assertEquals(149, ImageFileGray.png(new ImageFile(ImageFileFormat.PNG, green, 1, false), 0).sample(0));
        assertEquals(150, ImageFileGray.gray14(0, 255, 0));
        assertEquals(150, ImageFileGray.tiff(new ImageFile(ImageFileFormat.TIFF, green, 1, false)).sample(0));
        // red: 9797 × 255 / 2^15 = 76.24 → 76; (4899 × 255 + 8192) / 2^14 = 76.75 → 76
        assertEquals(76, ImageFileGray.gray14(255, 0, 0));
        // blue: 3737 × 255 / 2^15 = 29.08 → 29; (1868 × 255 + 8192) / 2^14 = 29.57 → 29
        assertEquals(29, ImageFileGray.gray14(0, 0, 255));
        // 16-bit PNG: (19234 × 65535 + 16384) >> 15 = 38467, high byte 150
        Raster green16 = Raster.u16(1, 1, 3, new short[] {0, (short) 65535, 0});
        assertEquals(150, ImageFileGray.png(new ImageFile(ImageFileFormat.PNG, green16, 1, false), 0).sample(0));
        // TIFF RGBA, unassociated alpha 128: green premultiplied (128 × 255 + 127) / 255 = 128, then 14-bit: 75
        Raster halfGreen = Raster.u8(1, 1, 4, new byte[] {0, (byte) 255, 0, (byte) 128});
        assertEquals(75, ImageFileGray.tiff(new ImageFile(ImageFileFormat.TIFF, halfGreen, 1, false)).sample(0));
    }
}
