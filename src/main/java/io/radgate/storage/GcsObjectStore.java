package io.radgate.storage;

import com.google.api.gax.paging.Page;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;

/**
 * Google Cloud Storage through the official client (google-cloud-storage) on its HTTP/JSON
 * transport. Blocking: see {@link ObjectStore}.
 */
public final class GcsObjectStore implements ObjectStore {
    private final Storage storage;
    private final int pageSize;

    /**
     * @param endpoint  null for Google's service with application-default credentials; else an
     *                  emulator's base URL (for example {@code http://127.0.0.1:9023}), used
     *                  without credentials
     * @param projectId the Google Cloud project (any name for an emulator)
     * @param pageSize  objects per listing page (GCS allows 1..1000)
     * @param timeout   connect and read timeout of one HTTP call, and the limit of one call's
     *                  retries (at most 3 attempts) all together
     */
    public GcsObjectStore(String endpoint, String projectId, int pageSize, Duration timeout) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("GCS page size must be 1..1000, not " + pageSize);
        }
        this.pageSize = pageSize;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        HttpStorageOptions.Builder options = StorageOptions.http()
                .setProjectId(Objects.requireNonNull(projectId, "projectId"))
                .setTransportOptions(HttpTransportOptions.newBuilder().setConnectTimeout(millis).setReadTimeout(millis)
                        .build())
                .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(3).setTotalTimeoutDuration(timeout)
                        .setInitialRetryDelayDuration(Duration.ofMillis(100)).setRetryDelayMultiplier(2.0)
                        .setMaxRetryDelayDuration(Duration.ofSeconds(2)).setInitialRpcTimeoutDuration(timeout)
                        .setRpcTimeoutMultiplier(1.0).setMaxRpcTimeoutDuration(timeout).build());
        if (endpoint != null) {
            options.setHost(endpoint).setCredentials(NoCredentials.getInstance());
        }
        try {
            this.storage = options.build().getService();
        } catch (RuntimeException e) {
            // no application-default credentials; the SDK's message names where it looked
            throw new IllegalStateException("cannot set up the GCS client: " + e.getMessage(), e);
        }
    }

    @Override
    public String kind() {
        return "gcs";
    }

    @Override
    public Iterator<StoredObject> list(String bucket, String prefix) {
        StorageNames.checkBucket(bucket, "bucket");
        StorageNames.checkPrefix(prefix);
        try {
            Page<Blob> first = storage.list(bucket, Storage.BlobListOption.prefix(prefix),
                    Storage.BlobListOption.pageSize(pageSize));
            return new PagedIterator(new BlobPage(bucket, first));
        } catch (StorageException e) {
            throw failure(e, bucket, null);
        }
    }

    /** One page of the SDK's listing; its getNextPage() is the network call for the next. */
    private final class BlobPage implements PagedIterator.Page {
        private final String bucket;
        private final Page<Blob> page;

        BlobPage(String bucket, Page<Blob> page) {
            this.bucket = bucket;
            this.page = page;
        }

        @Override
        public Iterator<StoredObject> items() {
            Iterator<Blob> blobs = page.getValues().iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return blobs.hasNext();
                }

                @Override
                public StoredObject next() {
                    Blob b = blobs.next();
                    return new StoredObject(b.getName(), b.getSize() == null ? 0 : b.getSize(), b.getContentType());
                }
            };
        }

        @Override
        public PagedIterator.Page next() {
            if (!page.hasNextPage()) {
                return null;
            }
            try {
                return new BlobPage(bucket, page.getNextPage());
            } catch (StorageException e) {
                throw failure(e, bucket, null);
            }
        }
    }

    @Override
    public byte[] readHead(String bucket, String name, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, not " + n);
        }
        StorageNames.checkBucket(bucket, "bucket");
        StorageNames.checkObject(name);
        return readRange(BlobId.of(bucket, name), n);
    }

    @Override
    public byte[] read(String bucket, String name, long maxBytes) {
        StorageNames.checkLimit(maxBytes);
        StorageNames.checkBucket(bucket, "bucket");
        StorageNames.checkObject(name);
        Blob blob;
        try {
            blob = storage.get(BlobId.of(bucket, name));
        } catch (StorageException e) {
            throw failure(e, bucket, name);
        }
        if (blob == null) {
            throw notFound(bucket, name);
        }
        long size = blob.getSize() == null ? -1 : blob.getSize();
        if (size > maxBytes) {
            throw StorageNames.tooLarge(name, where(bucket), size, maxBytes);
        }
        // the generation measured is the one read (a generation never changes); one byte more
        // than allowed would tell an object whose size was not known
        long limit = size >= 0 ? size : maxBytes + 1;
        byte[] content = readRange(BlobId.of(bucket, name, blob.getGeneration()), limit);
        if (content.length > maxBytes) {
            throw StorageNames.tooLarge(name, where(bucket), -1, maxBytes);
        }
        return content;
    }

    /**
     * Up to {@code limit} bytes from the start of the object, by one ranged read (fewer if it is
     * shorter); memory grows with what arrives, not with the limit.
     */
    private byte[] readRange(BlobId id, long limit) {
        if (limit == 0) {
            return new byte[0];
        }
        BoundedBuffer out = BoundedBuffer.truncating(limit);
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(limit, 64 * 1024));
        try (ReadChannel reader = storage.reader(id)) {
            reader.limit(limit);
            reader.setChunkSize((int) Math.min(limit, 2 * 1024 * 1024));
            while (out.size() < limit && reader.read(chunk) >= 0) {
                chunk.flip();
                out.write(chunk.array(), 0, (int) Math.min(chunk.remaining(), limit - out.size()));
                chunk.clear();
            }
        } catch (IOException e) {
            throw e.getCause() instanceof StorageException se ? failure(se, id.getBucket(), id.getName())
                    : unreachable(e);
        } catch (StorageException e) {
            throw failure(e, id.getBucket(), id.getName());
        }
        return out.toByteArray();
    }

    @Override
    public void write(String bucket, String name, byte[] content, String contentType) {
        StorageNames.checkBucket(bucket, "bucket");
        StorageNames.checkObject(name);
        try {
            storage.create(BlobInfo.newBuilder(bucket, name).setContentType(contentType).build(), content);
        } catch (StorageException e) {
            throw failure(e, bucket, name);
        }
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            // nothing the caller can do about a client that did not close cleanly
        }
    }

    private static String where(String bucket) {
        return "GCS bucket '" + bucket + "'";
    }

    /** The SDK's failure as radgate's; the SDK's own message is kept as the cause only. */
    private RadgateException failure(StorageException e, String bucket, String object) {
        int code = e.getCode();
        if (code == 404) {
            return object == null ? bucketNotFound(bucket, e) : notFound(bucket, object);
        }
        if (code == 400) {
            return new RadgateException(ErrorKind.BAD_INPUT, "GCS refused the name of bucket '" + bucket + "'"
                    + (object == null ? "" : " or object '" + object + "'") + " as invalid", e);
        }
        if (code == 403) {
            return new RadgateException(ErrorKind.BAD_INPUT, "radgate may not access " + where(bucket)
                    + " (permission denied)", e);
        }
        if (code == 401) {
            return new RadgateException(ErrorKind.UNAVAILABLE, "GCS did not accept radgate's credentials", e);
        }
        if (code == 0 || code == 408 || code == 429 || code >= 500) {
            return code == 0 ? unreachable(e) : new RadgateException(ErrorKind.UNAVAILABLE,
                    "GCS is unavailable (HTTP " + code + ")", e);
        }
        return new RadgateException(ErrorKind.UNAVAILABLE, "GCS answered HTTP " + code + " for " + where(bucket), e);
    }

    /** An object that is not there: say whether its bucket is missing too. */
    private RadgateException notFound(String bucket, String object) {
        boolean bucketExists;
        try {
            bucketExists = storage.get(bucket) != null;
        } catch (StorageException e) {
            bucketExists = e.getCode() != 404;
        }
        return bucketExists ? new RadgateException(ErrorKind.BAD_INPUT, "object '" + object + "' not found in "
                + where(bucket)) : bucketNotFound(bucket, null);
    }

    private static RadgateException bucketNotFound(String bucket, Throwable cause) {
        return new RadgateException(ErrorKind.BAD_INPUT, "bucket '" + bucket + "' not found in GCS", cause);
    }

    private static RadgateException unreachable(Throwable e) {
        return new RadgateException(ErrorKind.UNAVAILABLE, "GCS is unreachable", e);
    }
}
