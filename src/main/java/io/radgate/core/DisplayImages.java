package io.radgate.core;

import io.radgate.error.RadgateException;
import io.radgate.imaging.Instance;
import io.radgate.imaging.Raster;
import io.radgate.pixels.HounsfieldRescale;
import io.radgate.pixels.Monochrome1;
import io.radgate.pixels.RgbToGray;
import io.radgate.pixels.ToUint8;
import io.radgate.pixels.VoiWindow;

/**
 * A DICOM frame as a model sees it: 8-bit grayscale for display. Gray frames are rescaled
 * (slope/intercept), windowed with the file's own WindowCenter/Width when it has one, else
 * normalised between the 0.5th and 99.5th percentiles; MONOCHROME1 is inverted so that high
 * values are bright; colour frames become gray. Geometry is untouched (no transform to record).
 */
public final class DisplayImages {
    static final double LOW_PERCENTILE = 0.5;
    static final double HIGH_PERCENTILE = 99.5;

    private DisplayImages() {
    }

    /** Frame {@code frameNumber} (from 1) of {@code instance} as an {@link Image2d}. */
    public static Image2d of(Instance instance, int frameNumber, String id) {
        Raster frame = instance.frames().get(frameNumber - 1);
        if (frame.channels() == 3) {
            return new Image2d(id, RgbToGray.apply(frame));
        }
        double slope = instance.rescaleSlope();
        double intercept = instance.rescaleIntercept();
        if (slope == 0 || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            // a slope of 0 maps every pixel to one value: the file is broken, not radgate
            throw RadgateException.badInput("DICOM image " + instance.uids().sopInstance() + " has RescaleSlope "
                    + slope + " (RescaleIntercept " + intercept + "); a modality rescale needs a non-zero slope");
        }
        Raster values = HounsfieldRescale.apply(frame, slope, intercept);
        boolean hasWindow = Double.isFinite(instance.windowCenter()) && Double.isFinite(instance.windowWidth())
                && instance.windowWidth() >= 1;
        Raster u8 = hasWindow ? ToUint8.window(values, VoiWindow.linear(instance.windowCenter(), instance.windowWidth()))
                : ToUint8.percentiles(values, LOW_PERCENTILE, HIGH_PERCENTILE);
        if (instance.format().monochrome1()) {
            u8 = Monochrome1.invertU8(u8);
        }
        return new Image2d(id, u8);
    }
}
