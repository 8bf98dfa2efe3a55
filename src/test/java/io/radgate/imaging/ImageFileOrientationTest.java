package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFileOrientationTest {
    /** Stored "abc / def"; each row below is what a viewer shows, rows joined by '/'. */
    @ParameterizedTest
    @CsvSource({"1,abc/def", "2,cba/fed", "3,fed/cba", "4,def/abc", "5,ad/be/cf", "6,da/eb/fc", "7,fc/eb/da", "8,cf/be/ad"})
    void appliesExifOrientation(int orientation, String expected) {
        Raster stored = Raster.u8(3, 2, 1, "abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Raster shown = ImageFileOrientation.apply(stored, orientation);
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < shown.height(); y++) {
            if (y > 0) {
                sb.append('/');
            }
            for (int x = 0; x < shown.width(); x++) {
                sb.append((char) shown.sample(x, y, 0));
            }
        }
        assertEquals(expected, sb.toString());
        if (orientation == 1) {
            assertSame(stored, shown);
        }
    }

    @ParameterizedTest
    @CsvSource({"6", "8"})
    void keepsChannelsTogether(int orientation) {
        short[] s = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        Raster rgb = ImageFileOrientation.apply(Raster.u16(2, 2, 3, s), orientation);
        for (int i = 0; i < 12; i += 3) {
            assertEquals(rgb.sample(i) + 1, rgb.sample(i + 1));
            assertEquals(rgb.sample(i) + 2, rgb.sample(i + 2));
        }
    }
}
