package io.radgate.testing;

/** Synthetic test images, made by the tests. */
public final class Images {
    private Images() {
    }

    /** A black {@code h × w} uint8 image with a bright (255) rectangle at rows [r0, r1), cols [c0, c1). */
    public static byte[] rectangle(int h, int w, int r0, int r1, int c0, int c1) {
        byte[] px = new byte[h * w];
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                px[r * w + c] = (byte) 255;
            }
        }
        return px;
    }

    /** The 512×512 phantom of the integration tests: off centre, not square (rows 60..139, cols 300..459). */
    public static byte[] phantom512() {
        return rectangle(512, 512, 60, 140, 300, 460);
    }
}
