package io.radgate.post;

import static io.radgate.post.Phantoms.points;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DouglasPeuckerTest {

    @Test
    void openLineDropsWigglesWithinToleranceAndKeepsLargerOnes() {
        List<PixelPoint> line = points(0, 0, 1, 0, 2, 1, 3, 0, 4, 0, 5, 3, 6, 0, 7, 0);
        assertEquals(points(0, 0, 4, 0, 5, 3, 7, 0), DouglasPeucker.simplifyOpen(line, 1));
        assertEquals(points(0, 0, 1, 0, 2, 1, 3, 0, 4, 0, 5, 3, 6, 0, 7, 0), DouglasPeucker.simplifyOpen(line, 0));
        assertEquals(points(0, 0, 7, 0), DouglasPeucker.simplifyOpen(points(0, 0, 3, 0, 7, 0), 0));
        assertEquals(points(0, 0, 7, 0), DouglasPeucker.simplifyOpen(line, 3));
        assertEquals(line, DouglasPeucker.simplifyOpen(line, -1));
    }

    @Test
    void ringKeepsDirectionAndDropsAStartPointThatIsNoCorner() {
        // a square traced from the middle of its top edge
        Ring ring = new Ring(points(2, 0, 4, 0, 4, 4, 0, 4, 0, 0));
        Ring simplified = DouglasPeucker.simplify(ring, 0);
        assertEquals(points(4, 0, 4, 4, 0, 4, 0, 0), simplified.points());
        assertTrue(simplified.twiceSignedArea() > 0);
    }

    @Test
    void degenerateRings() {
        Ring same = new Ring(points(3, 3, 3, 3, 3, 3));
        assertEquals(points(3, 3), DouglasPeucker.simplify(same, 0).points());
        Ring two = new Ring(points(0, 0, 5, 5));
        assertSame(two, DouglasPeucker.simplify(two, 10));
    }

    @Test
    void longStaircasesStayFastAndDoNotOverflowTheStack() {
        // 200,000 points, every one a corner: Douglas-Peucker's quadratic worst case
        List<PixelPoint> p = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            p.add(new PixelPoint(i, i));
            p.add(new PixelPoint(i + 1, i));
        }
        Ring ring = new Ring(p);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertEquals(p.size(), DouglasPeucker.simplify(ring, 0).size());
            int pieces = p.size() / DouglasPeucker.PIECE + 2;
            assertTrue(DouglasPeucker.simplify(ring, 0.5).size() > p.size() * 9 / 10, "corners 0.71 px off");
            assertTrue(DouglasPeucker.simplify(ring, 2).size() <= pieces + 1);
        });
    }

    /** The Douglas–Peucker promise: every dropped point is within tolerance of the edge that replaced it. */
    @Test
    void droppedPointsStayWithinToleranceOfTheirNewEdge() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            List<PixelPoint> line = new ArrayList<>();
            int y = 0;
            int n = 2 + random.nextInt(3000);
            for (int x = 0; x < n; x++) {
                y += random.nextInt(5) - 2;
                line.add(new PixelPoint(x, y));
            }
            double tolerance = random.nextDouble() * 4;
            List<PixelPoint> kept = DouglasPeucker.simplifyOpen(line, tolerance);
            assertEquals(line.get(0), kept.get(0));
            assertEquals(line.get(n - 1), kept.get(kept.size() - 1));
            int k = 0;
            for (PixelPoint q : line) {
                if (q.x() > kept.get(k + 1).x()) {
                    k++;
                }
                double d = Math.sqrt(DouglasPeucker.distanceSquared(q, kept.get(k), kept.get(k + 1)));
                assertTrue(d <= tolerance + 1e-9, "round " + round + ": " + q + " is " + d + " off");
            }
        }
    }
}
