package io.radgate.core;

import io.radgate.error.RadgateException;
import io.radgate.imaging.Instance;
import io.radgate.imaging.NiftiVolume;
import io.radgate.imaging.Raster;
import io.radgate.imaging.Series;
import io.radgate.imaging.SeriesSlice;
import io.radgate.imaging.SliceOrder;
import io.radgate.pixels.CrsPacking;
import io.radgate.pixels.FloatVolume;
import io.radgate.pixels.HounsfieldRescale;
import io.radgate.pixels.PixelKernelSelection;
import io.radgate.pixels.PixelKernels;
import io.radgate.pixels.ResampledVolume;
import io.radgate.pixels.VoiWindow;
import io.radgate.pixels.VolumeResampler;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a {@link PreparedVolume} from a series whose slices arrive one decoded instance at a
 * time, in any order: the series is first ordered from its headers alone, then each decoded
 * frame is rescaled to HU and resized in plane to the target spacing AS IT ARRIVES, so only the
 * small resampled slices are kept (a 300-slice 512² series at 3 mm holds about 17 MB, not the
 * 600 MB of its decoded frames). Resizing each slice first and blending slices afterwards is
 * exactly what {@link VolumeResampler} does itself, so the result is the same as resampling the
 * whole float volume.
 *
 * <p>Slice positions are the series' positions along its normal when they increase strictly;
 * otherwise (no positions, or duplicates) slices are evenly spaced by SliceThickness.
 * {@link #add} is thread-safe; slices that never arrive are left out.
 */
public final class VolumeAssembler {
    private final VolumePreparation prep;
    private final PixelKernels kernels;
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final float[][] planes;
    private final double[] positions;
    private final int columns;
    private final int rows;
    private final double spacingX;
    private final double spacingY;
    private final int width;
    private final int height;

    /** @param series the series ordered from headers ({@link SliceOrder#order}); its first timepoint is used */
    public VolumeAssembler(Series series, VolumePreparation prep) {
        this.prep = prep;
        this.kernels = PixelKernelSelection.selected();
        var slices = series.slices();
        if (slices.isEmpty()) {
            throw RadgateException.badInput("series " + series.seriesUid() + " has no slices");
        }
        SeriesSlice first = slices.get(0);
        this.columns = first.instance().format().columns();
        this.rows = first.instance().format().rows();
        double[] pixelSpacing = first.plane().pixelSpacing();
        if (pixelSpacing == null || !(pixelSpacing[0] > 0) || !(pixelSpacing[1] > 0)
                || Double.isInfinite(pixelSpacing[0]) || Double.isInfinite(pixelSpacing[1])) {
            throw RadgateException.badInput("series " + series.seriesUid()
                    + " has no usable PixelSpacing, so it cannot be resampled to millimetres");
        }
        this.spacingY = pixelSpacing[0];
        this.spacingX = pixelSpacing[1];
        double[] target = prep.spacing();
        this.width = length(columns, spacingX, target[0]);
        this.height = length(rows, spacingY, target[1]);
        this.planes = new float[slices.size()][];
        this.positions = positions(series);
        for (int i = 0; i < slices.size(); i++) {
            SeriesSlice s = slices.get(i);
            slotOf.put(key(s.instance().uids().sopInstance(), s.frameNumber()), i);
        }
    }

    /** The number of slices the series has. */
    public int slices() {
        return planes.length;
    }

    /** Places every frame of {@code decoded} that belongs to the series; others are ignored. Blocking. */
    public void add(Instance decoded) {
        for (int f = 1; f <= decoded.frames().size(); f++) {
            Integer slot = slotOf.get(key(decoded.uids().sopInstance(), f));
            if (slot == null) {
                continue;
            }
            Raster r = decoded.frame(f);
            if (r.width() != columns || r.height() != rows || r.channels() != 1) {
                throw RadgateException.badInput("slice " + decoded.uids().sopInstance() + " is " + r.width() + "x"
                        + r.height() + "x" + r.channels() + "; the series' first slice is " + columns + "x" + rows
                        + "x1, and a volume needs every slice the same");
            }
            double slope = decoded.rescaleSlope();
            if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(decoded.rescaleIntercept())) {
                // BAD_INPUT like any undecodable slice (the caller may leave it out), not an internal failure
                throw RadgateException.badInput("slice " + decoded.uids().sopInstance() + " has RescaleSlope " + slope
                        + " / RescaleIntercept " + decoded.rescaleIntercept() + ", which cannot give HU");
            }
            float[] hu = HounsfieldRescale.apply(r, decoded.rescaleSlope(), decoded.rescaleIntercept(), kernels)
                    .f32Samples();
            float[] plane = width == columns && height == rows ? hu
                    : kernels.resizeBilinear(hu, columns, rows, width, height);
            synchronized (planes) {
                planes[slot] = plane;
            }
        }
    }

    /** Resamples along the slices, crops or pads, and packs to uint8. Blocking. */
    public PreparedVolume finish() {
        int n = 0;
        synchronized (planes) {
            for (float[] p : planes) {
                n += p == null ? 0 : 1;
            }
            if (n < 2) {
                throw RadgateException.badInput(n == 0 ? "none of the series' slices could be read"
                        : "only one slice of the series could be read; a volume needs at least 2");
            }
            int plane = width * height;
            float[] voxels = new float[Math.multiplyExact(plane, n)];
            double[] at = new double[n];
            int k = 0;
            for (int i = 0; i < planes.length; i++) {
                if (planes[i] != null) {
                    System.arraycopy(planes[i], 0, voxels, k * plane, plane);
                    at[k++] = positions[i];
                }
            }
            FloatVolume v = new FloatVolume(width, height, n, voxels, columns * spacingX / width,
                    rows * spacingY / height, at);
            int depth = n < 2 ? 1 : length(n, v.meanSliceSpacing(), prep.spacing()[2]);
            return pack(VolumeResampler.toShape(v, width, height, depth, kernels), prep, kernels);
        }
    }

    /** A NIfTI volume (values already scaled, axes as stored: x columns, y rows, z slices). Blocking. */
    public static PreparedVolume fromNifti(NiftiVolume nifti, VolumePreparation prep) {
        if (nifti.nz() < 2) {
            throw RadgateException.badInput("the NIfTI volume has " + nifti.nz() + " slice; a volume needs at least 2");
        }
        double toMm = switch (nifti.header().spatialUnit()) {
            case "m" -> 1000;
            case "um" -> 0.001;
            default -> 1; // mm, or unknown: NIfTI tools assume mm
        };
        double[] s = nifti.spacing();
        FloatVolume v = FloatVolume.uniform(nifti.nx(), nifti.ny(), nifti.nz(), nifti.voxels(), s[0] * toMm,
                s[1] * toMm, 0, s[2] * toMm);
        double[] target = prep.spacing();
        PixelKernels kernels = PixelKernelSelection.selected();
        ResampledVolume r;
        try {
            r = VolumeResampler.toSpacing(v, target[0], target[1], target[2], kernels);
        } catch (IllegalArgumentException e) {
            throw RadgateException.badInput("the NIfTI volume's voxel size cannot be resampled: " + e.getMessage());
        }
        return pack(r, prep, kernels);
    }

    private static PreparedVolume pack(ResampledVolume resampled, VolumePreparation prep, PixelKernels kernels) {
        int[] shape = prep.shape();
        FloatVolume v = VolumeResampler.cropOrPad(resampled, shape[0], shape[1], shape[2], (float) prep.windowLow())
                .volume();
        byte[] u8 = CrsPacking.pack(v, VoiWindow.range(prep.windowLow(), prep.windowHigh()), kernels);
        double dz = v.depth() < 2 ? prep.spacing()[2] : v.meanSliceSpacing();
        return new PreparedVolume(u8, v.width(), v.height(), v.depth(), v.spacingX(), v.spacingY(), dz);
    }

    private static double[] positions(Series series) {
        var slices = series.slices();
        double[] p = new double[slices.size()];
        boolean increasing = series.rule() == SliceOrder.Rule.POSITION;
        for (int i = 0; i < p.length && increasing; i++) {
            p[i] = slices.get(i).position();
            increasing = Double.isFinite(p[i]) && (i == 0 || p[i] > p[i - 1]);
        }
        if (increasing) {
            return p;
        }
        double thickness = slices.get(0).plane().sliceThickness();
        if (p.length > 1 && !(thickness > 0 && Double.isFinite(thickness))) {
            throw RadgateException.badInput("series " + series.seriesUid() + " has neither distinct slice positions"
                    + " (ImagePositionPatient) nor a SliceThickness, so its slice spacing is unknown");
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = i * (p.length > 1 ? thickness : 1);
        }
        return p;
    }

    /** {@link VolumeResampler#lengthFor}, with an absurd source spacing (untrusted) as bad input. */
    private static int length(int n, double spacing, double target) {
        try {
            return VolumeResampler.lengthFor(n, spacing, target);
        } catch (IllegalArgumentException e) {
            throw RadgateException.badInput("the series' spacing cannot be resampled: " + e.getMessage());
        }
    }

    private static String key(String sop, int frame) {
        return sop + "#" + frame;
    }
}
