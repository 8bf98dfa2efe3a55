package io.radgate.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PixelKernelSelectionTest {
    @Test
    void plainJavaByDefault() {
        String before = System.clearProperty(PixelKernelSelection.PROPERTY);
        try {
            assertSame(JavaPixelKernels.INSTANCE, PixelKernelSelection.selected());
            System.setProperty(PixelKernelSelection.PROPERTY, " Java ");
            assertEquals("java", PixelKernelSelection.selected().name());
        } finally {
            if (before == null) {
                System.clearProperty(PixelKernelSelection.PROPERTY);
            } else {
                System.setProperty(PixelKernelSelection.PROPERTY, before);
            }
        }
    }

    @Test
    void autoAndNd4jFollowTheClassPath() {
        if (PixelKernelSelection.nd4jAvailable()) {
            assertEquals("nd4j", PixelKernelSelection.forName("auto").name());
            assertEquals("nd4j", PixelKernelSelection.forName("nd4j").name());
        } else {
            assertSame(JavaPixelKernels.INSTANCE, PixelKernelSelection.forName("auto"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PixelKernelSelection.forName("nd4j"));
            assertEquals(true, e.getMessage().contains("-Pnd4j"), e.getMessage());
        }
    }

    @Test
    void unknownNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PixelKernelSelection.forName("opencv"));
    }
}
