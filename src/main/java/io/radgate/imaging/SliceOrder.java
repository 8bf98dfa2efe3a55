package io.radgate.imaging;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups instances into studies and series, and orders each series' slices. Never by upload or
 * file order.
 *
 * <p><b>Grouping.</b> By StudyInstanceUID, then SeriesInstanceUID; studies and series come out
 * sorted by UID (component-wise numeric), so the result does not depend on input order.
 *
 * <p><b>Slices.</b> Every frame of every instance is a slice (frames numbered from 1). A frame's
 * plane is the per-frame one of an enhanced multi-frame file, else the instance's; frames 2.. of a
 * legacy multi-frame file have no position of their own.
 *
 * <p><b>Spatial order.</b> The series normal is n = row × column direction cosines
 * (ImageOrientationPatient). When every slice has a position and a non-degenerate orientation
 * whose normal agrees with the first slice's (|n·n₀| ≥ 0.999), slices are ordered by
 * ImagePositionPatient · n, ascending (rule {@link Rule#POSITION}). Otherwise the whole series
 * falls back to InstanceNumber (rule {@link Rule#INSTANCE_NUMBER}; missing numbers last). Ties,
 * in both rules, are broken by InstanceNumber, then SOPInstanceUID (numeric components), then
 * frame number.
 *
 * <p><b>Timepoints.</b> Slices are grouped into timepoints, each ordered as above, by the first
 * of these that applies: TemporalPositionIndex (0020,9128; per frame for enhanced files) when
 * any slice has it; else TemporalPositionIdentifier (0020,0100) when any has it; else, when two
 * slices of the series lie at the same position along the normal (within 0.01 mm) and
 * AcquisitionTime tells them apart, AcquisitionTime; else one timepoint. A slice missing the
 * chosen key joins timepoint key 0 (AcquisitionTime: -1). Timepoints come out in ascending key
 * order and are numbered from 1.
 */
public final class SliceOrder {
    /** How a series' slices were ordered. */
    public enum Rule { POSITION, INSTANCE_NUMBER }

    private static final double SAME_NORMAL = 0.999;
    private static final double SAME_POSITION_MM = 0.01;

    private SliceOrder() {
    }

    /** Groups instances by study, then series, and orders every series. */
    public static List<Study> group(Collection<Instance> instances) {
        Map<String, Map<String, List<Instance>>> byStudy = new TreeMap<>(SliceOrder::compareUids);
        for (Instance i : instances) {
            byStudy.computeIfAbsent(i.uids().study(), k -> new TreeMap<>(SliceOrder::compareUids))
                    .computeIfAbsent(i.uids().series(), k -> new ArrayList<>()).add(i);
        }
        List<Study> studies = new ArrayList<>();
        byStudy.forEach((study, series) -> {
            List<Series> ordered = new ArrayList<>();
            series.values().forEach(list -> ordered.add(order(list)));
            studies.add(new Study(study, ordered));
        });
        return studies;
    }

    /** Orders the instances of ONE series (they should share their SeriesInstanceUID). */
    public static Series order(List<Instance> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one instance");
        }
        List<Candidate> all = new ArrayList<>();
        for (Instance i : instances) {
            int frames = Math.max(1, i.numberOfFrames());
            for (int f = 1; f <= frames; f++) {
                InstancePlane plane = i.framePlanes().isEmpty() && f > 1 ? positionless(i.plane()) : i.plane(f);
                all.add(new Candidate(i, f, plane));
            }
        }
        double[] normal = commonNormal(all);
        for (Candidate c : all) {
            double[] p = c.plane.position();
            c.position = normal != null && p != null ? p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2] : Double.NaN;
        }
        boolean spatial = normal != null && all.stream().allMatch(c -> Double.isFinite(c.position));
        assignTemporalKeys(all, spatial);

        Comparator<Candidate> tieBreak = Comparator.comparing((Candidate c) -> c.instance.instanceNumber(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing((a, b) -> compareUids(a.instance.uids().sopInstance(), b.instance.uids().sopInstance()))
                .thenComparingInt(c -> c.frame);
        Comparator<Candidate> order = spatial ? Comparator.comparingDouble((Candidate c) -> c.position).thenComparing(tieBreak)
                : tieBreak;

        TreeMap<Double, List<Candidate>> byTime = new TreeMap<>();
        for (Candidate c : all) {
            byTime.computeIfAbsent(c.temporalKey, k -> new ArrayList<>()).add(c);
        }
        List<SeriesTimepoint> timepoints = new ArrayList<>();
        int number = 1;
        for (Map.Entry<Double, List<Candidate>> e : byTime.entrySet()) {
            List<Candidate> sorted = new ArrayList<>(e.getValue());
            sorted.sort(order);
            List<SeriesSlice> slices = new ArrayList<>(sorted.size());
            for (Candidate c : sorted) {
                slices.add(new SeriesSlice(c.instance, c.frame, c.plane, spatial ? c.position : Double.NaN));
            }
            double[] spacing = spatial ? spacing(sorted) : new double[] {Double.NaN, 0};
            timepoints.add(new SeriesTimepoint(number++, e.getKey(), slices, spacing[0], spacing[1] == 1));
        }
        Instance first = instances.get(0);
        return new Series(first.uids().study(), first.uids().series(), first.modality(),
                spatial ? Rule.POSITION : Rule.INSTANCE_NUMBER, spatial ? normal : null, timepoints);
    }

    /** The normal every slice shares, or null (missing, degenerate or disagreeing orientations). */
    private static double[] commonNormal(List<Candidate> all) {
        double[] first = null;
        for (Candidate c : all) {
            double[] n = c.plane.normal();
            if (n == null) {
                return null;
            }
            if (first == null) {
                first = n;
            } else if (Math.abs(n[0] * first[0] + n[1] * first[1] + n[2] * first[2]) < SAME_NORMAL) {
                return null;
            }
        }
        return first;
    }

    private static void assignTemporalKeys(List<Candidate> all, boolean spatial) {
        if (all.stream().anyMatch(c -> c.instance.temporalPositionIndex(c.frame) != null)) {
            all.forEach(c -> c.temporalKey = orZero(c.instance.temporalPositionIndex(c.frame)));
        } else if (all.stream().anyMatch(c -> c.instance.time().temporalPositionIdentifier() != null)) {
            all.forEach(c -> c.temporalKey = orZero(c.instance.time().temporalPositionIdentifier()));
        } else if (spatial && positionsRepeat(all) && distinctAcquisitionTimes(all)) {
            all.forEach(c -> {
                double t = c.instance.time().acquisitionSeconds();
                c.temporalKey = Double.isFinite(t) ? t : -1;
            });
        } else {
            all.forEach(c -> c.temporalKey = 0);
        }
    }

    private static double orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static boolean positionsRepeat(List<Candidate> all) {
        double[] p = all.stream().mapToDouble(c -> c.position).sorted().toArray();
        for (int i = 1; i < p.length; i++) {
            if (p[i] - p[i - 1] < SAME_POSITION_MM) {
                return true;
            }
        }
        return false;
    }

    private static boolean distinctAcquisitionTimes(List<Candidate> all) {
        return all.stream().mapToDouble(c -> c.instance.time().acquisitionSeconds()).filter(Double::isFinite)
                .distinct().count() > 1;
    }

    /** {median gap, 1 if uniform else 0} of slices sorted by position. */
    private static double[] spacing(List<Candidate> sorted) {
        if (sorted.size() < 2) {
            return new double[] {Double.NaN, 0};
        }
        double[] gaps = new double[sorted.size() - 1];
        for (int i = 1; i < sorted.size(); i++) {
            gaps[i - 1] = sorted.get(i).position - sorted.get(i - 1).position;
        }
        double[] s = gaps.clone();
        java.util.Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        double tolerance = Math.max(0.01, Math.abs(median) * 0.01);
        boolean uniform = java.util.Arrays.stream(gaps).allMatch(g -> Math.abs(g - median) <= tolerance);
        return new double[] {median, uniform ? 1 : 0};
    }

    private static InstancePlane positionless(InstancePlane p) {
        return p.withPosition(null);
    }

    /** UIDs compared component by component as numbers ("1.2.10" after "1.2.9"); non-numeric parts as text. */
    static int compareUids(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (!x[i].isEmpty() && !y[i].isEmpty() && x[i].chars().allMatch(Character::isDigit)
                    && y[i].chars().allMatch(Character::isDigit)) {
                c = new BigInteger(x[i]).compareTo(new BigInteger(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static final class Candidate {
        final Instance instance;
        final int frame;
        final InstancePlane plane;
        double position;
        double temporalKey;

        Candidate(Instance instance, int frame, InstancePlane plane) {
            this.instance = instance;
            this.frame = frame;
            this.plane = plane;
        }
    }
}
