package io.radgate.post;

import java.util.List;

/**
 * The boundary of one 8-connected region: its outer ring and the rings of its holes (in
 * raster order of each hole's first pixel), with the region's component statistics.
 * Outer and hole rings both run through the region's own boundary pixels, so a renderer fills
 * the outer ring including its edge and clears only the strict inside of each hole ring.
 */
public record RegionContour(Component component, Ring outer, List<Ring> holes) {

    public RegionContour {
        holes = List.copyOf(holes);
    }
}
