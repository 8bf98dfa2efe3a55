package io.radgate.post;

/** A pixel by its indices: column {@code x}, row {@code y} (the pixel's centre, see package docs). */
public record PixelPoint(int x, int y) {
}
