package io.radgate.storage;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.nio.charset.StandardCharsets;

/**
 * Checks of bucket and object names before any call, so that a bad header is a clear 400 and
 * never reaches the storage service (or its URL building).
 */
final class StorageNames {
    /** GCS and Azure both limit object names to 1024 bytes (GCS) / characters (Azure). */
    static final int MAX_OBJECT_NAME_BYTES = 1024;
    /** The largest array a JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private StorageNames() {
    }

    /**
     * A bucket (GCS) or container (Azure) name: 3 to 222 characters of lower-case letters,
     * digits, '-', '_' and '.', starting and ending with a letter or digit. Both services are
     * stricter still (Azure: no '_' or '.', at most 63); they answer 400 for the rest.
     */
    static void checkBucket(String bucket, String what) {
        if (bucket == null || bucket.isEmpty()) {
            throw new RadgateException(ErrorKind.BAD_INPUT, "no " + what + " name given");
        }
        if (bucket.length() < 3 || bucket.length() > 222 || !bucket.matches("[a-z0-9][a-z0-9._-]*[a-z0-9]")) {
            throw new RadgateException(ErrorKind.BAD_INPUT, "invalid " + what + " name '" + shorten(bucket)
                    + "': 3 to 222 characters of a-z, 0-9, '-', '_' and '.', starting and ending with a letter or "
                    + "digit");
        }
    }

    static void checkObject(String name) {
        if (name == null || name.isEmpty()) {
            throw new RadgateException(ErrorKind.BAD_INPUT, "no object name given");
        }
        checkPrefix(name);
    }

    /** A prefix may be empty (the whole bucket); otherwise the rules of an object name. */
    static void checkPrefix(String prefix) {
        if (prefix == null) {
            throw new RadgateException(ErrorKind.BAD_INPUT, "no prefix given");
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_OBJECT_NAME_BYTES) {
            throw new RadgateException(ErrorKind.BAD_INPUT, "object name or prefix '" + shorten(prefix)
                    + "' is longer than " + MAX_OBJECT_NAME_BYTES + " bytes");
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.isISOControl(prefix.charAt(i))) {
                throw new RadgateException(ErrorKind.BAD_INPUT, "object name or prefix '" + shorten(prefix)
                        + "' holds a control character");
            }
        }
    }

    static void checkLimit(long maxBytes) {
        if (maxBytes < 0 || maxBytes > MAX_ARRAY - 1) {
            throw new IllegalArgumentException("maxBytes must be 0.." + (MAX_ARRAY - 1) + ", not " + maxBytes);
        }
    }

    static RadgateException tooLarge(String object, String where, long size, long maxBytes) {
        return new RadgateException(ErrorKind.TOO_LARGE, "object '" + object + "' in " + where + " is "
                + (size < 0 ? "larger than " + maxBytes : size) + " bytes, above the limit of " + maxBytes + " bytes");
    }

    /** A name for a message: at most 100 characters, control characters replaced. */
    static String shorten(String s) {
        String t = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        StringBuilder b = new StringBuilder(t.length());
        t.chars().forEach(c -> b.append(Character.isISOControl(c) ? '?' : (char) c));
        return b.toString();
    }
}
