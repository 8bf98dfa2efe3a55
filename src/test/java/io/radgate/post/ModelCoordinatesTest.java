package io.radgate.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radgate.pixels.GeometricTransform;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelCoordinatesTest {

    @Test
    void boxesOfWholeOriginalPixelsMapBackExactly() {
        Random random = new Random(3);
        for (int[] size : new int[][] {{37, 58}, {58, 37}, {512, 397}, {3000, 2048}}) {
            for (int n : new int[] {64, 640, 1024}) {
                for (GeometricTransform t : new GeometricTransform[] {
                        Phantoms.letterbox(size[0], size[1], n), Phantoms.padThenResize(size[0], size[1], n)}) {
                    for (int k = 0; k < 200; k++) {
                        int x0 = random.nextInt(size[0]);
                        int y0 = random.nextInt(size[1]);
                        PixelBox box = new PixelBox(x0, y0, x0 + random.nextInt(size[0] - x0),
                                y0 + random.nextInt(size[1] - y0));
                        double mx1 = t.toModelX(box.xMin());
                        double my1 = t.toModelY(box.yMin());
                        double mx2 = t.toModelX(box.xMax() + 1);
                        double my2 = t.toModelY(box.yMax() + 1);
                        assertEquals(Optional.of(box), ModelCoordinates.box(mx1, my1, mx2, my2, t), t + " " + box);
                        assertEquals(Optional.of(box), ModelCoordinates.box(mx2, my2, mx1, my1, t), "corners swapped");
                    }
                }
            }
        }
    }

    @Test
    void partlyCoveredPixelsAreIncluded() {
        GeometricTransform t = new GeometricTransform(100, 50, 200, 100, 2, 2, 0, 0);
        // original edges 10.3 .. 20.7 and 5.1 .. 5.2
        assertEquals(Optional.of(new PixelBox(10, 5, 20, 5)), ModelCoordinates.box(20.6, 10.2, 41.4, 10.4, t));
        // a zero-width box marks the pixel it sits on
        assertEquals(Optional.of(new PixelBox(10, 5, 10, 5)), ModelCoordinates.box(21, 11, 21, 11, t));
    }

    @Test
    void boxesAreClampedToTheImageAndDroppedWhenOnlyInThePadding() {
        GeometricTransform t = Phantoms.letterbox(200, 100, 400); // pad 100 above and below in model space
        assertEquals(Optional.of(new PixelBox(0, 0, 9, 4)), ModelCoordinates.box(-50, 50, 20, 110, t));
        assertEquals(Optional.of(new PixelBox(190, 95, 199, 99)), ModelCoordinates.box(380, 290, 450, 350, t));
        assertEquals(Optional.empty(), ModelCoordinates.box(10, 10, 90, 90, t));
        assertEquals(Optional.empty(), ModelCoordinates.box(10, 300, 90, 400, t), "bottom edge of the image");
        assertEquals(Optional.empty(), ModelCoordinates.box(Double.NaN, 0, 5, 5, t));
    }

    @Test
    void modelPixelBoxesAndPoints() {
        GeometricTransform t = Phantoms.letterbox(50, 100, 200); // x2, pad 50 left
        assertEquals(Optional.of(new PixelBox(0, 1, 1, 2)), ModelCoordinates.box(new PixelBox(50, 2, 53, 5), t));
        assertEquals(new PixelPoint(0, 1), ModelCoordinates.point(51, 2, t));
        assertEquals(new PixelPoint(1, 1), ModelCoordinates.point(52, 3, t));
        assertEquals(new PixelPoint(0, 0), ModelCoordinates.point(10, -7, t), "clamped");
        assertEquals(new PixelPoint(49, 99), ModelCoordinates.point(199, 199, t), "clamped");
    }
}
