package io.radgate.core;

import io.radgate.post.LabelScore;
import java.util.List;

/**
 * A study classifier's answer.
 *
 * @param probability   the study-level probability (0..1)
 * @param labels        every label with its score, best first
 * @param notApplicable why the model could not classify this volume, or empty when it could
 */
public record VolumeScores(double probability, List<LabelScore> labels, String notApplicable) {
    public VolumeScores {
        labels = List.copyOf(labels);
        notApplicable = notApplicable == null ? "" : notApplicable;
    }

    public boolean applicable() {
        return notApplicable.isEmpty();
    }
}
