package io.radgate.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

    private static List<Component> find(ByteMask m, Connectivity c) {
        return ConnectedComponents.find(m, 0, c, null, 1);
    }

    @Test
    void shapesTouchingOnlyDiagonallyAreOneRegionWithEightAndTwoWithFour() {
        ByteMask m = Phantoms.draw(
                "........",
                ".##.....",
                ".##.....",
                "...###..",
                "...###..",
                "........");

        List<Component> eight = find(m, Connectivity.EIGHT);
        List<Component> four = find(m, Connectivity.FOUR);

        assertEquals(1, eight.size());
        assertEquals(new PixelBox(1, 1, 5, 4), eight.get(0).box());
        assertEquals(10, eight.get(0).area());
        assertEquals(2, four.size());
        assertEquals(List.of(new PixelBox(3, 3, 5, 4), new PixelBox(1, 1, 2, 2)),
                four.stream().map(Component::box).toList(), "larger first when scores tie");
        assertEquals(List.of(2, 1), four.stream().map(Component::label).toList(), "labels in raster order");
    }

    @Test
    void lShapeBoxCentroidAndAPointOnTheShape() {
        ByteMask m = Phantoms.draw(
                "..........",
                "..##......",
                "..##......",
                "..##......",
                "..##......",
                "..#####...",
                "..#####...",
                "..........");

        Component c = find(m, Connectivity.EIGHT).get(0);

        assertEquals(new PixelBox(2, 1, 6, 6), c.box());
        assertEquals(5, c.box().width());
        assertEquals(6, c.box().height());
        assertEquals(18, c.area());
        assertEquals((4 * 2 + 4 * 3 + 2 * (2 + 3 + 4 + 5 + 6)) / 18.0, c.centroidX(), 1e-12);
        assertEquals((2 * (1 + 2 + 3 + 4) + 5 * 5 + 5 * 6) / 18.0, c.centroidY(), 1e-12);
        assertEquals(1, m.get(c.insidePoint().x(), c.insidePoint().y(), 0));
        assertEquals(new PixelPoint(3, 4), c.insidePoint());
    }

    @Test
    void insidePointOfARingLiesOnTheRingNotInItsHole() {
        ByteMask ring = Phantoms.draw(
                "#####",
                "#...#",
                "#...#",
                "#...#",
                "#####");
        Component c = find(ring, Connectivity.EIGHT).get(0);
        assertEquals(2.0, c.centroidX(), 1e-12);
        assertEquals(2.0, c.centroidY(), 1e-12);
        assertEquals(new PixelPoint(2, 0), c.insidePoint(), "nearest ring pixel, first in raster order");
    }

    @Test
    void scoresComeFromTheProbabilityMapAndOrderTheComponents() {
        ByteMask m = Phantoms.draw(
                "##...#",
                "##...#",
                "......");
        byte[] p = new byte[m.data().length];
        p[0] = (byte) 255;
        p[1] = 51;
        p[6] = 51;
        p[7] = 51;
        p[5] = (byte) 204;
        p[11] = (byte) 204;
        ByteMask probabilities = new ByteMask(6, 3, 1, p);

        List<Component> cs = ConnectedComponents.find(m, 0, Connectivity.EIGHT, probabilities, 1);

        assertEquals(2, cs.size());
        assertEquals(new PixelBox(5, 0, 5, 1), cs.get(0).box(), "mean 0.8 beats mean 0.4");
        assertEquals(0.8, cs.get(0).meanScore(), 1e-12);
        assertEquals(0.8, cs.get(0).maxScore(), 1e-12);
        assertEquals(0.4, cs.get(1).meanScore(), 1e-12);
        assertEquals(1.0, cs.get(1).maxScore(), 1e-12);
        List<Component> byMax = new ArrayList<>(cs);
        byMax.sort(Component.BY_MAX_SCORE);
        assertEquals(new PixelBox(0, 0, 1, 1), byMax.get(0).box());
        byMax.sort(Component.BY_AREA);
        assertEquals(4, byMax.get(0).area());
    }

    @Test
    void minAreaDropsSmallComponentsAndUnionFindJoinsLateMerges() {
        ByteMask m = Phantoms.draw(
                "#.#.#...#",
                "#.#.#....",
                "#####....",
                ".........",
                "....#....");

        List<Component> all = find(m, Connectivity.FOUR);
        List<Component> big = ConnectedComponents.find(m, 0, Connectivity.FOUR, null, 2);

        assertEquals(3, all.size());
        assertEquals(1, big.size());
        assertEquals(11, big.get(0).area());
        assertEquals(new PixelBox(0, 0, 4, 2), big.get(0).box());
    }

    @Test
    void checkerboardIsOneRegionWithEightAndSinglePixelsWithFour() {
        int w = 7;
        int h = 5;
        byte[] d = new byte[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) ((i % w + i / w) % 2 == 0 ? 1 : 0);
        }
        ByteMask m = new ByteMask(w, h, 1, d);
        assertEquals(1, find(m, Connectivity.EIGHT).size());
        List<Component> four = find(m, Connectivity.FOUR);
        assertEquals(18, four.size());
        assertTrue(four.stream().allMatch(c -> c.area() == 1 && c.box().width() == 1));
    }

    @Test
    void agreesWithAFloodFillOnRandomMasks() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int w = 1 + random.nextInt(24);
            int h = 1 + random.nextInt(24);
            double density = random.nextDouble();
            byte[] d = new byte[w * h];
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) (random.nextDouble() < density ? 1 + random.nextInt(255) : 0);
            }
            ByteMask m = new ByteMask(w, h, 1, d);
            for (Connectivity c : Connectivity.values()) {
                List<PixelBox> expected = floodFill(d, w, h, c);
                List<PixelBox> actual = find(m, c).stream().sorted(Component.RASTER).map(Component::box).toList();
                assertEquals(expected, actual, "round " + round + " " + c);
            }
        }
    }

    @Test
    void slicesOfAVolumeAreSeparate() {
        byte[] d = new byte[4 * 3 * 2];
        d[12 + 5] = 1; // slice 1, (1, 1)
        ByteMask m = new ByteMask(4, 3, 2, d);
        assertEquals(List.of(), find(m, Connectivity.EIGHT));
        Component c = ConnectedComponents.find(m, 1, Connectivity.EIGHT, null, 1).get(0);
        assertEquals(new PixelBox(1, 1, 1, 1), c.box());
        assertEquals(new PixelPoint(1, 1), c.insidePoint());
    }

    @Test
    void allZerosGiveNoComponents() {
        ByteMask zeros = ByteMask.zeros(33, 17, 1);
        assertEquals(List.of(), find(zeros, Connectivity.EIGHT));
        assertEquals(List.of(), ConnectedComponents.find(zeros, 0, Connectivity.FOUR, ByteMask.zeros(33, 17, 1), 0));
    }

    /** Reference: breadth-first flood fill, components in raster order of their first pixel. */
    private static List<PixelBox> floodFill(byte[] d, int w, int h, Connectivity c) {
        boolean[] seen = new boolean[d.length];
        List<PixelBox> boxes = new ArrayList<>();
        for (int start = 0; start < d.length; start++) {
            if (d[start] == 0 || seen[start]) {
                continue;
            }
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
            seen[start] = true;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                int x = i % w;
                int y = i / w;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if ((dx == 0 && dy == 0) || (c == Connectivity.FOUR && dx != 0 && dy != 0)) {
                            continue;
                        }
                        int nx = x + dx;
                        int ny = y + dy;
                        int j = ny * w + nx;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h && d[j] != 0 && !seen[j]) {
                            seen[j] = true;
                            queue.add(j);
                        }
                    }
                }
            }
            boxes.add(new PixelBox(x0, y0, x1, y1));
        }
        return boxes;
    }
}
