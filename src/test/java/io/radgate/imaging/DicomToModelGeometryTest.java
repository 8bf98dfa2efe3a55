package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.pixels.TransformedRaster;
import io.radgate.post.ByteMask;
import io.radgate.post.MaskBackMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's geometry guarantee, end to end on golden DICOM files: decode (every lossless transfer
 * syntax) → HU → window → uint8 → MONOCHROME1 → letterbox 1024 → a mask computed on the MODEL
 * image → mapped back with the recorded transform → equals the phantom's own pixels exactly.
 * An L off centre in non-square images (portrait and landscape) catches any flip or transpose.
 */
class DicomToModelGeometryTest {
    private final DicomReader reader = new DicomReader(ImagingLimits.defaults());

    @Test
    void maskComputedOnTheModelImageLandsExactlyOnThePhantom() {
        List<String> report = new ArrayList<>();
        for (DicomToModelGeometry.Case c : DicomToModelGeometry.CASES) {
            for (String syntax : DicomToModelGeometry.SYNTAXES) {
                Instance in = reader.read(DicomGoldenData.bytes(c.geometry() + "__" + syntax + ".dcm"));
                TransformedRaster model = DicomToModelGeometry.modelInput(in, c);
                byte[] u8 = model.raster().u8Samples();
                byte[] modelMask = new byte[u8.length];
                for (int i = 0; i < u8.length; i++) {
                    modelMask[i] = (byte) ((u8[i] & 0xFF) >= 128 ? 1 : 0);
                }
                ByteMask back = MaskBackMapper.labels(modelMask, 1, model.transform());
                byte[] truth = DicomToModelGeometry.truth(in, c);
                int w = in.format().columns();
                int h = in.format().rows();
                assertEquals(w, back.width());
                assertEquals(h, back.height());
                int structure = 0;
                for (byte b : truth) {
                    structure += b;
                }
                assertTrue(structure > 200 && structure < truth.length / 4, c.geometry() + ": structure " + structure);
                assertArrayEquals(truth, back.data(), c.geometry() + " / " + syntax);
                report.add(c.geometry() + " " + syntax + " " + w + "x" + h + " -> " + model.transform());
            }
        }
        report.forEach(System.out::println);
        assertEquals(DicomToModelGeometry.CASES.size() * DicomToModelGeometry.SYNTAXES.size(), report.size());
    }
}
