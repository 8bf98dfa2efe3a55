package io.radgate.storage;

import java.util.Iterator;

/**
 * Object storage (GCS, Azure Blob) as the bucket routes of the invocations protocol need it.
 *
 * <p>Every method BLOCKS on network calls: callers run them on worker threads, never on an
 * event loop. Failures are {@link io.radgate.error.RadgateException}s: a bucket (container)
 * or object that does not exist, or an invalid name, is {@code BAD_INPUT}; an object above a
 * size limit is {@code TOO_LARGE}; storage that cannot be reached or answers 5xx is
 * {@code UNAVAILABLE}. Messages name the bucket and object, never credentials.
 */
public interface ObjectStore extends AutoCloseable {
    /**
     * Objects whose names start with {@code prefix}, in name order. The first page is fetched
     * by this call (so a missing bucket fails here); later pages are fetched one at a time as
     * the iterator reaches them, never the whole listing at once. The iterator's methods may
     * throw the same exceptions as this method.
     */
    Iterator<StoredObject> list(String bucket, String prefix);

    /**
     * The first {@code n} bytes of an object, by a ranged read; fewer only when the object is
     * shorter.
     */
    byte[] readHead(String bucket, String name, int n);

    /**
     * The whole object. An object larger than {@code maxBytes} is refused ({@code TOO_LARGE},
     * naming it) from its metadata, without reading it; at most {@code maxBytes + 1} bytes are
     * ever read, also when the object grows between the metadata and the read.
     */
    byte[] read(String bucket, String name, long maxBytes);

    /** Writes (or replaces) an object. */
    void write(String bucket, String name, byte[] content, String contentType);

    /** "gcs" or "azure", for messages and logs. */
    String kind();

    /** Releases the client's resources; no exception for a store that holds none. */
    @Override
    void close();
}
