package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.testing.PythonEnv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Volumes written by nibabel (src/test/python/make_nifti.py), compared with what nibabel reads back. */
class NiftiReaderTest {
    private static final ImagingLimits DEFAULTS = ImagingLimits.defaults();
    private static Path dir;
    private static final List<JsonNode> volumes = new ArrayList<>();

    @BeforeAll
    static void makeVolumes() throws IOException {
        dir = Files.createTempDirectory("radgate-nifti");
        PythonEnv.runScript("make_nifti.py", dir.toString());
        new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).forEach(volumes::add);
    }

    private static byte[] file(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    private static ImagingLimits limits(long maxFileBytes, int maxFrames, int maxDimension, long maxDecodedBytes) {
        return new ImagingLimits(maxFileBytes, maxFrames, maxDimension, maxDecodedBytes, Duration.ofSeconds(30), 20000, 1L << 32, 200);
    }

    private static RadgateException failure(byte[] data, ImagingLimits limits, ErrorKind kind, String... inMessage) {
        RadgateException e = assertThrows(RadgateException.class, () -> new NiftiReader(limits).read(data));
        assertEquals(kind, e.kind(), e.getMessage());
        for (String part : inMessage) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
        }
        return e;
    }

    @TestFactory
    Stream<DynamicTest> everyVoxelAndTheAffineMatchNibabel() {
        return volumes.stream().map(v -> dynamicTest(v.get("name").asText(), () -> {
            String name = v.get("name").asText();
            NiftiVolume vol = new NiftiReader(DEFAULTS).read(new ByteArrayInputStream(file(name)));
            int[] shape = {v.get("shape").get(0).asInt(), v.get("shape").get(1).asInt(), v.get("shape").get(2).asInt()};
            assertArrayEquals(shape, new int[] {vol.nx(), vol.ny(), vol.nz()}, "shape");

            byte[] raw = file(name + ".expected.raw");
            float[] expected = new float[raw.length / 4];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(expected);
            for (int i = 0; i < expected.length; i++) {
                if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(vol.voxels()[i])) {
                    int x = i % shape[0];
                    int y = i / shape[0] % shape[1];
                    int z = i / shape[0] / shape[1];
                    throw new AssertionError(name + ": voxel (" + x + ", " + y + ", " + z + ") is " + vol.voxels()[i]
                            + ", nibabel says " + expected[i]);
                }
            }

            double[] affine = vol.affine();
            for (int i = 0; i < 16; i++) {
                assertEquals(v.get("affine").get(i).asDouble(), affine[i], 1e-6, name + " affine[" + i / 4 + "][" + i % 4 + "]");
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(v.get("zooms").get(i).asDouble(), vol.spacing()[i], 0, name + " spacing");
            }
            assertEquals(v.get("datatype").asInt(), vol.datatype().code());
            assertEquals(v.get("slope").asDouble(), vol.header().slope(), 0, "slope");
            assertEquals(v.get("inter").asDouble(), vol.header().intercept(), 0, "intercept");
            assertEquals(v.get("sformCode").asInt(), vol.header().sformCode());
            assertEquals(v.get("qformCode").asInt(), vol.header().qformCode());
            assertEquals(v.get("bigEndian").asBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                    vol.header().byteOrder());
        }));
    }

    @ParameterizedTest
    @CsvSource({"oblique_sform.nii,SFORM", "qform_only.nii,QFORM", "qform_qfac.nii,QFORM", "no_xform.nii,PIXDIM",
        "int16.nii.gz,SFORM"})
    void affineComesFromTheRuleNibabelUses(String name, NiftiHeader.AffineSource source) throws IOException {
        assertEquals(source, new NiftiReader(DEFAULTS).read(file(name)).header().affineSource());
    }

    @Test
    void xVariesFastestThenYThenZ() throws IOException {
        NiftiVolume vol = new NiftiReader(DEFAULTS).read(file("int16_scaled.nii"));
        assertEquals(13 * 11 * 7, vol.voxels().length);
        Raster slice = vol.slice(3);
        assertEquals(13, slice.width());
        assertEquals(11, slice.height());
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 13; x++) {
                assertEquals(vol.voxels()[x + 13 * (y + 11 * 3)], (float) slice.sample(x, y, 0));
                assertEquals(vol.voxel(x, y, 3), (float) slice.sample(x, y, 0));
            }
        }
        // the phantom's L: stored 1999 at x 2..8, y 1..2, z 1..5; scaled 1999 × 2.5 - 1024
        assertEquals(1999 * 2.5f - 1024, vol.voxel(8, 2, 5));
        assertEquals("unknown", vol.header().spatialUnit(), "nibabel writes xyzt_units 0 unless told");
        assertEquals("mm", new NiftiReader(DEFAULTS).read(file("oblique_sform.nii")).header().spatialUnit());
    }

    @Test
    void volumesOtherThanOne3dVolumeAreUnprocessable() throws IOException {
        failure(file("two_volumes_4d.nii"), DEFAULTS, ErrorKind.UNPROCESSABLE, "dim[4] = 2");
        failure(file("two_d.nii"), DEFAULTS, ErrorKind.UNPROCESSABLE, "2 dimension");
    }

    @Test
    void unsupportedVariantsAreNamed() throws IOException {
        failure(file("rgb24.nii"), DEFAULTS, ErrorKind.UNSUPPORTED_MEDIA, "datatype 128 (RGB24)");
        failure(file("nifti2.nii"), DEFAULTS, ErrorKind.UNSUPPORTED_MEDIA, "NIfTI-2");
        failure(file("pair.hdr"), DEFAULTS, ErrorKind.UNSUPPORTED_MEDIA, ".hdr/.img");
        byte[] analyze = file("uint8.nii");
        analyze[344] = 0;
        failure(analyze, DEFAULTS, ErrorKind.UNSUPPORTED_MEDIA, "Analyze");
    }

    @Test
    void truncatedOrForeignDataIsBadInput() throws IOException {
        failure(file("truncated.nii"), DEFAULTS, ErrorKind.BAD_INPUT, "truncated NIfTI file", "2002 bytes of voxels");
        failure(file("header_only.nii"), DEFAULTS, ErrorKind.BAD_INPUT, "truncated NIfTI file");
        failure(file("truncated.nii.gz"), DEFAULTS, ErrorKind.BAD_INPUT, "gzip");
        failure(new byte[100], DEFAULTS, ErrorKind.BAD_INPUT, "not a NIfTI-1 file");
        byte[] png = new byte[400];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);
        failure(png, DEFAULTS, ErrorKind.BAD_INPUT, "not a NIfTI-1 file", "a PNG image");
        byte[] badDim = file("uint8.nii");
        badDim[42] = 0;
        badDim[43] = 0;
        failure(badDim, DEFAULTS, ErrorKind.BAD_INPUT, "dim[1] = 0");
    }

    @Test
    void headerClaimingAHugeVolumeIsRefusedBeforeAllocating() throws IOException {
        byte[] claim = file("big_claim.nii.gz");
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> failure(claim, DEFAULTS, ErrorKind.TOO_LARGE, "16384x16384x4096", "imaging.max-decoded-bytes"));
    }

    @Test
    void limitsComeFromConfiguration() throws IOException {
        byte[] nii = file("int16_scaled.nii");
        failure(nii, limits(1 << 30, 4096, 12, 1 << 28), ErrorKind.TOO_LARGE, "13x11x7", "imaging.max-dimension");
        failure(nii, limits(1 << 30, 6, 16384, 1 << 28), ErrorKind.TOO_LARGE, "at most 6 slices", "imaging.max-frames");
        failure(nii, limits(1 << 30, 4096, 16384, 4003), ErrorKind.TOO_LARGE, "1001 voxels, 4004 bytes",
                "imaging.max-decoded-bytes");
        failure(nii, limits(352 + 2001, 4096, 16384, 1 << 28), ErrorKind.TOO_LARGE, "2354 bytes", "imaging.max-file-bytes");
        new NiftiReader(limits(352 + 2002, 7, 13, 4004)).read(nii);
    }
}
