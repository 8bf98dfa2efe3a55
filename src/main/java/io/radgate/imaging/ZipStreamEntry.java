package io.radgate.imaging;

import java.io.IOException;
import java.io.InputStream;

/**
 * One regular entry of a ZIP archive being streamed by {@link ZipStreamReader}. Valid only
 * during the visit: the stream reads straight from the archive, and whatever the visitor
 * leaves unread is skipped (and still counted against the limits) once the visit returns.
 *
 * @param name         the entry's path in the archive, as stored (checked by {@link ZipEntryNames#requireSafe})
 * @param declaredSize the uncompressed size the local header states, or -1; headers can lie,
 *                     so use it only as a hint
 * @param stream       the entry's bytes; reading past a limit throws TOO_LARGE, corrupt data BAD_INPUT
 */
public record ZipStreamEntry(String name, long declaredSize, InputStream stream) {

    /** The part of the name after the last separator. */
    public String baseName() {
        return ZipEntryNames.baseName(name);
    }

    /** All remaining bytes of the entry; bounded by {@code imaging.max-file-bytes}. */
    public byte[] readAllBytes() throws IOException {
        return stream.readAllBytes();
    }
}
