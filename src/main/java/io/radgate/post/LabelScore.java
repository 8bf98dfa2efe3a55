package io.radgate.post;

/** One class of a classification output: its index, its name (null when unnamed) and its score. */
public record LabelScore(int index, String name, double score) {
}
