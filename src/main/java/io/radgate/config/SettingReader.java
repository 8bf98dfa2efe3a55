package io.radgate.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Typed, validated reads of settings. Every failure names the setting and its environment
 * variable. Used by {@link RadgateConfig} and by each protocol's own configuration record.
 */
public final class SettingReader {
    private final ConfigSource src;

    public SettingReader(ConfigSource src) {
        this.src = src;
    }

    public String string(Setting s) {
        String v = src.get(s);
        return v == null ? "" : v.trim();
    }

    public String nonEmpty(Setting s) {
        String v = string(s);
        if (v.isEmpty()) {
            throw new ConfigException(s.key() + " (" + s.envVar() + ") must not be empty");
        }
        return v;
    }

    public long longIn(Setting s, long min, long max) {
        String v = nonEmpty(s);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(s.key() + " (" + s.envVar() + ") must be an integer, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new ConfigException(s.key() + " (" + s.envVar() + ") must be in [" + min + ", " + max
                    + "], got " + n);
        }
        return n;
    }

    public double decimalIn(Setting s, double min, double max) {
        String v = nonEmpty(s);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(s.key() + " (" + s.envVar() + ") must be a number, got '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            throw new ConfigException(s.key() + " (" + s.envVar() + ") must be in [" + min + ", " + max
                    + "], got " + v);
        }
        return d;
    }

    /** Exactly {@code count} comma-separated numbers, each in [min, max]. */
    public double[] decimals(Setting s, int count, double min, double max) {
        List<String> parts = list(nonEmpty(s));
        if (parts.size() != count) {
            throw new ConfigException(s.key() + " (" + s.envVar() + ") must be " + count
                    + " comma-separated numbers, got '" + string(s) + "'");
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Double.parseDouble(parts.get(i));
            } catch (NumberFormatException e) {
                out[i] = Double.NaN;
            }
            if (!(out[i] >= min && out[i] <= max)) {
                throw new ConfigException(s.key() + " (" + s.envVar() + ") values must be numbers in [" + min
                        + ", " + max + "], got '" + string(s) + "'");
            }
        }
        return out;
    }

    public int intIn(Setting s, int min, int max) {
        return (int) longIn(s, min, max);
    }

    public Duration millis(Setting s, long min) {
        return Duration.ofMillis(longIn(s, min, Long.MAX_VALUE / 1_000_000));
    }

    public int port(Setting s) {
        return intIn(s, 0, 65535);
    }

    public boolean bool(Setting s) {
        String v = nonEmpty(s);
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(s.key() + " (" + s.envVar() + ") must be true or false, got '" + v + "'");
    }

    /** One of {@code allowed} (case-insensitive), returned as written in {@code allowed}. */
    public String oneOf(Setting s, String... allowed) {
        String v = nonEmpty(s);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new ConfigException(s.key() + " (" + s.envVar() + ") must be one of " + Arrays.toString(allowed)
                + ", got '" + v + "'");
    }

    public List<String> list(Setting s) {
        return list(string(s));
    }

    public static List<String> list(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList();
    }
}
