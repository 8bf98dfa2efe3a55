package io.radgate.post;

import java.util.Comparator;

/**
 * One connected region of a binary mask, in pixel indices of the mask it was found in.
 *
 * @param label        its number in the labelling, 1.. in raster order of its first pixel
 * @param area         pixel count
 * @param box          inclusive bounding box
 * @param centroidX    mean column of its pixels (pixel-centre convention: one pixel at (3, 4) has centroid (3, 4))
 * @param centroidY    mean row of its pixels
 * @param insidePoint  the component's own pixel nearest the centroid (first in raster order on ties):
 *                     a "point" result that lies on the finding even for an L or a ring,
 *                     whose centroid may not
 * @param meanScore    mean probability (0..1) over its pixels; 1 when no probabilities were given
 * @param maxScore     highest probability (0..1) over its pixels; 1 when no probabilities were given
 */
public record Component(int label, int area, PixelBox box, double centroidX, double centroidY,
                        PixelPoint insidePoint, double meanScore, double maxScore) {

    /** Highest mean score first, then larger area, then raster order: the default order. */
    public static final Comparator<Component> BY_MEAN_SCORE = Comparator.comparingDouble(Component::meanScore)
            .reversed().thenComparing(Comparator.comparingInt(Component::area).reversed())
            .thenComparingInt(Component::label);

    public static final Comparator<Component> BY_MAX_SCORE = Comparator.comparingDouble(Component::maxScore)
            .reversed().thenComparing(Comparator.comparingInt(Component::area).reversed())
            .thenComparingInt(Component::label);

    public static final Comparator<Component> BY_AREA = Comparator.comparingInt(Component::area).reversed()
            .thenComparingInt(Component::label);

    public static final Comparator<Component> RASTER = Comparator.comparingInt(Component::label);
}
