package io.radgate.core;

import io.radgate.post.PixelBox;

/** One object a detector found, in ORIGINAL pixel coordinates (inclusive box). */
public record Detection(PixelBox box, int classIndex, double score) {
}
