package io.radgate.post;

/**
 * An axis-aligned box of whole pixels, INCLUSIVE on both ends: {@code [xMin, xMax] × [yMin, yMax]}
 * in pixel indices. A single pixel is {@code (x, y, x, y)}, width and height 1.
 */
public record PixelBox(int xMin, int yMin, int xMax, int yMax) {

    public PixelBox {
        if (xMin > xMax || yMin > yMax) {
            throw new IllegalArgumentException("empty box " + xMin + "," + yMin + " - " + xMax + "," + yMax);
        }
    }

    public int width() {
        return xMax - xMin + 1;
    }

    public int height() {
        return yMax - yMin + 1;
    }

    public boolean contains(int x, int y) {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }
}
