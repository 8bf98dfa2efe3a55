package io.radgate.imaging;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;

/** Typed reads of tag values from a PixelMed {@link AttributeList}; absent or malformed values give the default. */
final class DicomValues {
    private DicomValues() {
    }

    static String string(AttributeList list, AttributeTag tag) {
        if (list == null) {
            return null;
        }
        String v = Attribute.getDelimitedStringValuesOrNull(list, tag);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static String singleString(AttributeList list, AttributeTag tag) {
        if (list == null) {
            return null;
        }
        String v = Attribute.getSingleStringValueOrNull(list, tag);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static int integer(AttributeList list, AttributeTag tag, int dflt) {
        Integer v = integerOrNull(list, tag);
        return v == null ? dflt : v;
    }

    static Integer integerOrNull(AttributeList list, AttributeTag tag) {
        String s = singleString(list, tag);
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            double d = parse(s);
            return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (int) d : null;
        }
    }

    /** The first value of a numeric tag, or {@code dflt}. */
    static double firstDouble(AttributeList list, AttributeTag tag, double dflt) {
        double[] v = doubles(list, tag);
        return v == null || v.length == 0 || !Double.isFinite(v[0]) ? dflt : v[0];
    }

    /** All values of a numeric (DS, FD, IS, US...) tag; null when absent or any value is malformed. */
    static double[] doubles(AttributeList list, AttributeTag tag) {
        if (list == null) {
            return null;
        }
        Attribute a = list.get(tag);
        if (a == null || a.getVM() == 0) {
            return null;
        }
        String[] s = Attribute.getStringValues(list, tag);
        if (s == null || s.length == 0) {
            return null;
        }
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = parse(s[i]);
            if (Double.isNaN(out[i])) {
                return null;
            }
        }
        return out;
    }

    /** The attribute list of the first item of a sequence, or null. */
    static AttributeList firstItem(AttributeList list, AttributeTag sequenceTag) {
        if (list == null || !(list.get(sequenceTag) instanceof SequenceAttribute seq) || seq.getNumberOfItems() == 0) {
            return null;
        }
        return seq.getItem(0).getAttributeList();
    }

    static double parse(String s) {
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A DICOM TM value (HH, HHMM, HHMMSS, HHMMSS.F..., or the old HH:MM:SS form) in seconds; NaN when malformed. */
    static double timeSeconds(String tm) {
        if (tm == null) {
            return Double.NaN;
        }
        String s = tm.trim().replace(":", "");
        if (s.length() < 2 || s.length() > 13) {
            return Double.NaN;
        }
        try {
            String whole = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
            String frac = s.contains(".") ? s.substring(s.indexOf('.')) : "";
            if (whole.length() % 2 != 0 || whole.length() > 6 || !whole.chars().allMatch(Character::isDigit)) {
                return Double.NaN;
            }
            double seconds = Integer.parseInt(whole.substring(0, 2)) * 3600.0;
            if (whole.length() >= 4) {
                seconds += Integer.parseInt(whole.substring(2, 4)) * 60.0;
            }
            if (whole.length() == 6) {
                seconds += Integer.parseInt(whole.substring(4, 6));
            }
            if (frac.length() > 1) {
                seconds += Double.parseDouble("0" + frac);
            }
            return seconds;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
