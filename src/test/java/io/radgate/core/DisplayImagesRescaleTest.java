package io.radgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.DicomReader;
import io.radgate.imaging.ImagingLimits;
import io.radgate.imaging.Instance;
import io.radgate.testing.DicomBytes;
import org.junit.jupiter.api.Test;

/** RescaleSlope 0 (issue 8 item 9: Arterys and MD.ai answered 503 "internal error") is bad input naming it. */
class DisplayImagesRescaleTest {
    private final DicomReader reader = new DicomReader(ImagingLimits.defaults());

    @Test
    void rescaleSlopeZeroIsBadInputNamingRescaleSlope() {
        Instance broken = reader.read(new DicomBytes(8, 6, 1).rescale("0", "-1024").bytes());
        RadgateException e = assertThrows(RadgateException.class, () -> DisplayImages.of(broken, 1, "x"));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("RescaleSlope 0"), e.getMessage());
    }

    @Test
    void aUsualRescaleStillWorks() {
        Instance ok = reader.read(new DicomBytes(8, 6, 1).rescale("1", "-1024").bytes());
        assertEquals(8, DisplayImages.of(ok, 1, "x").gray().height());
    }
}
