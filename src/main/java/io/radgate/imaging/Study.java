package io.radgate.imaging;

import java.util.List;

/** The series of one study, ordered by SeriesInstanceUID (never by upload order). */
public record Study(String studyUid, List<Series> series) {
    public Study {
        series = List.copyOf(series);
    }
}
