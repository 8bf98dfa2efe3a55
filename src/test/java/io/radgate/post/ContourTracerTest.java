package io.radgate.post;

import static io.radgate.post.Phantoms.points;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.pixels.GeometricTransform;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContourTracerTest {
    private static final ContourOptions RAW = ContourOptions.DEFAULT.withTolerance(-1);

    private static final ByteMask L = Phantoms.draw(
            "..........",
            "..##......",
            "..##......",
            "..##......",
            "..##......",
            "..#####...",
            "..#####...",
            "..........",
            "..........");

    private static List<RegionContour> trace(ByteMask m, ContourOptions options) {
        return ContourTracer.trace(m, 0, null, options);
    }

    @Test
    void lShapeOuterRingVisitsEveryBoundaryPixelClockwise() {
        List<RegionContour> regions = trace(L, RAW);

        assertEquals(1, regions.size());
        Ring ring = regions.get(0).outer();
        assertEquals(points(2, 1, 3, 1, 3, 2, 3, 3, 3, 4, 4, 5, 5, 5, 6, 5, 6, 6, 5, 6, 4, 6, 3, 6, 2, 6,
                2, 5, 2, 4, 2, 3, 2, 2), ring.points());
        assertTrue(ring.twiceSignedArea() > 0, "clockwise on screen");
        assertEquals(List.of(), regions.get(0).holes());
        assertEquals(18, regions.get(0).component().area());
    }

    @Test
    void simplificationKeepsTheCornersOfTheL() {
        List<PixelPoint> corners = points(2, 1, 3, 1, 3, 4, 4, 5, 6, 5, 6, 6, 2, 6);
        assertEquals(corners, trace(L, ContourOptions.DEFAULT).get(0).outer().points(), "tolerance 0: lossless");
        assertEquals(corners, trace(L, ContourOptions.DEFAULT.withTolerance(0.5)).get(0).outer().points());
        assertEquals(points(2, 1, 3, 4, 6, 6, 2, 6), trace(L, ContourOptions.DEFAULT.withTolerance(1)).get(0)
                .outer().points(), "a 1-pixel tolerance cuts the L's short edges");
    }

    @Test
    void filledOuterRingGivesBackTheRegionExactly() {
        Ring ring = trace(L, ContourOptions.DEFAULT).get(0).outer();
        assertArrayEquals(toBooleans(L.data()), Phantoms.fill(ring, L.width(), L.height(), true));
    }

    @Test
    void ringWithAHoleHasAnInnerRingCounterClockwise() {
        ByteMask m = Phantoms.draw(
                "........",
                ".#####..",
                ".#...#..",
                ".#...#..",
                ".#...#..",
                ".#####..",
                "........");

        RegionContour region = trace(m, ContourOptions.DEFAULT).get(0);

        assertEquals(points(1, 1, 5, 1, 5, 5, 1, 5), region.outer().points());
        assertEquals(1, region.holes().size());
        Ring hole = region.holes().get(0);
        assertEquals(points(2, 1, 1, 2, 1, 4, 2, 5, 4, 5, 5, 4, 5, 2, 4, 1), hole.points());
        assertTrue(hole.twiceSignedArea() < 0, "holes run counter-clockwise");
        boolean[] strictlyInsideHole = Phantoms.fill(hole, m.width(), m.height(), false);
        for (int i = 0; i < m.data().length; i++) {
            boolean holePixel = i % 8 >= 2 && i % 8 <= 4 && i / 8 >= 2 && i / 8 <= 4;
            assertEquals(holePixel, strictlyInsideHole[i], "pixel " + i);
        }
        assertEquals(List.of(), trace(m, ContourOptions.DEFAULT.withHoles(false)).get(0).holes());
        assertEquals(List.of(), trace(m, new ContourOptions(true, 1, 10, 0)).get(0).holes(), "9-pixel hole < 10");
    }

    @Test
    void islandInAHoleIsARegionOfItsOwn() {
        ByteMask m = Phantoms.draw(
                "#####",
                "#...#",
                "#.#.#",
                "#...#",
                "#####");
        List<RegionContour> regions = trace(m, ContourOptions.DEFAULT);
        assertEquals(2, regions.size());
        assertEquals(1, regions.get(0).holes().size());
        assertEquals(points(2, 2), regions.get(1).outer().points());
    }

    @Test
    void diagonalShapes() {
        ByteMask diagonal = Phantoms.draw(
                "#....",
                ".#...",
                "..#..",
                "...#.");
        Ring raw = trace(diagonal, RAW).get(0).outer();
        assertEquals(points(0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 1, 1), raw.points());
        assertEquals(points(0, 0, 3, 3), trace(diagonal, ContourOptions.DEFAULT).get(0).outer().points());

        ByteMask diamond = Phantoms.draw(
                "...#...",
                "..###..",
                ".#####.",
                "..###..",
                "...#...");
        Ring ring = trace(diamond, ContourOptions.DEFAULT).get(0).outer();
        assertEquals(points(3, 0, 5, 2, 3, 4, 1, 2), ring.points());
        assertArrayEquals(toBooleans(diamond.data()), Phantoms.fill(ring, 7, 5, true));

        ByteMask touching = Phantoms.draw(
                "##..",
                "##..",
                "..##",
                "..##");
        Ring both = trace(touching, ContourOptions.DEFAULT).get(0).outer();
        assertEquals(points(0, 0, 1, 0, 1, 1, 2, 2, 3, 2, 3, 3, 2, 3, 2, 2, 1, 1, 0, 1), both.points(),
                "one 8-connected region: the ring passes the touching corner twice");
    }

    @Test
    void singlePixelAndOnePixelLines() {
        ByteMask dot = Phantoms.draw(
                "....",
                "..#.",
                "....");
        RegionContour region = trace(dot, ContourOptions.DEFAULT).get(0);
        assertEquals(points(2, 1), region.outer().points());
        assertEquals(points(2, 1, 2, 1), region.outer().closedPolyline());
        assertEquals(List.of(), trace(dot, ContourOptions.DEFAULT.withMinArea(2)));

        ByteMask row = Phantoms.draw(
                "......",
                ".####.",
                "......");
        assertEquals(points(1, 1, 2, 1, 3, 1, 4, 1, 3, 1, 2, 1), trace(row, RAW).get(0).outer().points());
        Ring line = trace(row, ContourOptions.DEFAULT).get(0).outer();
        assertEquals(points(1, 1, 4, 1), line.points());
        assertEquals(points(1, 1, 4, 1, 1, 1), line.closedPolyline());
        assertEquals(0, line.twiceSignedArea());

        ByteMask column = Phantoms.draw(
                "#",
                "#",
                "#");
        assertEquals(points(0, 0, 0, 2), trace(column, ContourOptions.DEFAULT).get(0).outer().points());
    }

    @Test
    void shapesOnTheImageBorderAndAFullImage() {
        ByteMask full = Phantoms.draw("###", "###");
        assertEquals(points(0, 0, 2, 0, 2, 1, 0, 1), trace(full, ContourOptions.DEFAULT).get(0).outer().points());
        ByteMask corner = Phantoms.draw("..#", ".##");
        assertEquals(points(2, 0, 2, 1, 1, 1), trace(corner, ContourOptions.DEFAULT).get(0).outer().points());
    }

    @Test
    void regionsBelowMinAreaAreSkippedAndOrderFollowsComponents() {
        ByteMask m = Phantoms.draw(
                "#......",
                "...###.",
                "...###.",
                "#......");
        List<RegionContour> regions = trace(m, ContourOptions.DEFAULT);
        assertEquals(List.of(6, 1, 1), regions.stream().map(r -> r.component().area()).toList());
        assertEquals(1, trace(m, ContourOptions.DEFAULT.withMinArea(2)).size());
    }

    /**
     * The contract on arbitrary masks: filling each region's outer ring (edge included) and
     * clearing the strict inside of its hole rings gives back exactly that region's pixels.
     */
    @Test
    void ringsReproduceRandomMasksExactly() {
        Random random = new Random(11);
        for (int round = 0; round < 400; round++) {
            int w = 1 + random.nextInt(16);
            int h = 1 + random.nextInt(16);
            double density = 0.2 + 0.7 * random.nextDouble();
            byte[] d = new byte[w * h];
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) (random.nextDouble() < density ? 1 : 0);
            }
            ByteMask m = new ByteMask(w, h, 1, d);
            for (ContourOptions options : List.of(RAW, ContourOptions.DEFAULT)) {
                boolean[] drawn = new boolean[w * h];
                for (RegionContour region : trace(m, options)) {
                    boolean[] fill = Phantoms.fill(region.outer(), w, h, true);
                    for (Ring hole : region.holes()) {
                        assertTrue(hole.twiceSignedArea() < 0, "round " + round);
                        boolean[] inside = Phantoms.fill(hole, w, h, false);
                        for (int i = 0; i < fill.length; i++) {
                            fill[i] &= !inside[i];
                        }
                    }
                    assertTrue(region.outer().twiceSignedArea() >= 0, "round " + round);
                    int count = 0;
                    for (int i = 0; i < fill.length; i++) {
                        if (fill[i]) {
                            assertTrue(d[i] != 0 && !drawn[i], "round " + round + " pixel " + i);
                            drawn[i] = true;
                            count++;
                        }
                    }
                    assertEquals(region.component().area(), count, "round " + round);
                }
                assertArrayEquals(toBooleans(d), drawn, "round " + round);
            }
        }
    }

    @Test
    void contoursOfAMaskMappedBackFromModelSpaceMatchThePhantom() {
        for (int[] size : new int[][] {{40, 26}, {26, 40}}) {
            int w = size[0];
            int h = size[1];
            GeometricTransform t = Phantoms.letterbox(w, h, 2 * Math.max(w, h));
            byte[] phantom = Phantoms.lShape(w, h, 1);
            ByteMask back = MaskBackMapper.labels(Phantoms.toModel(phantom, t), 1, t);

            List<RegionContour> fromModel = ContourTracer.trace(back, 0, null, ContourOptions.DEFAULT);
            List<RegionContour> direct = ContourTracer.trace(new ByteMask(w, h, 1, phantom), 0, null,
                    ContourOptions.DEFAULT);

            assertEquals(direct, fromModel);
            assertEquals(7, fromModel.get(0).outer().size(), "an L with its inner corner cut");
        }
    }

    @Test
    void allZerosGiveNoContours() {
        assertEquals(List.of(), trace(ByteMask.zeros(64, 48, 1), ContourOptions.DEFAULT));
        assertEquals(List.of(), ContourTracer.trace(new byte[12], 0, 4, 3, new byte[12], ContourOptions.DEFAULT));
    }

    private static boolean[] toBooleans(byte[] d) {
        boolean[] b = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            b[i] = d[i] != 0;
        }
        return b;
    }
}
