package io.radgate.storage;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.time.Duration;
import java.util.Iterator;

/**
 * Azure Blob Storage through the official client (azure-storage-blob), from a connection
 * string. Its HTTP calls go through the JDK's own HttpClient (azure-core-http-jdk-httpclient),
 * not Azure's default Netty client, so that radgate keeps one Netty version (Vert.x's).
 * Blocking: see {@link ObjectStore}.
 */
public final class AzureBlobObjectStore implements ObjectStore {
    private static final String SERVICE = "Azure Blob Storage";

    private final BlobServiceClient service;
    private final int pageSize;
    private final Duration timeout;

    /**
     * @param connectionString the storage account's connection string (it holds the key: it
     *                         never appears in a message)
     * @param pageSize         blobs per listing page (Azure allows 1..5000)
     * @param timeout          connect timeout and the limit of each try (at most 3 tries)
     */
    public AzureBlobObjectStore(String connectionString, int pageSize, Duration timeout) {
        if (pageSize < 1 || pageSize > 5000) {
            throw new IllegalArgumentException("Azure page size must be 1..5000, not " + pageSize);
        }
        this.pageSize = pageSize;
        this.timeout = timeout;
        HttpClient http = new JdkHttpClientBuilder().connectionTimeout(timeout).build();
        try {
            this.service = new BlobServiceClientBuilder().connectionString(connectionString).httpClient(http)
                    .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, timeout,
                            Duration.ofMillis(100), Duration.ofSeconds(2), null))
                    .buildClient();
        } catch (RuntimeException e) {
            // no cause and no SDK message: both may quote the connection string and its key
            throw new IllegalStateException("invalid Azure Storage connection string (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    @Override
    public String kind() {
        return "azure";
    }

    @Override
    public Iterator<StoredObject> list(String container, String prefix) {
        StorageNames.checkBucket(container, "container");
        StorageNames.checkPrefix(prefix);
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(pageSize);
        try {
            // the SDK fetches a page when its iterator's hasNext() needs one
            Iterator<PagedResponse<BlobItem>> pages = service.getBlobContainerClient(container)
                    .listBlobs(options, timeout).iterableByPage().iterator();
            return new PagedIterator(new BlobPage(container, pages).next());
        } catch (RuntimeException e) {
            throw failure(e, container, null);
        }
    }

    /** The page that {@link #items()} returns is fetched by the {@link #next()} that made this one. */
    private final class BlobPage implements PagedIterator.Page {
        private final String container;
        private final Iterator<PagedResponse<BlobItem>> pages;
        private final Iterator<BlobItem> items;

        BlobPage(String container, Iterator<PagedResponse<BlobItem>> pages) {
            this(container, pages, null);
        }

        private BlobPage(String container, Iterator<PagedResponse<BlobItem>> pages, Iterator<BlobItem> items) {
            this.container = container;
            this.pages = pages;
            this.items = items;
        }

        @Override
        public Iterator<StoredObject> items() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return items.hasNext();
                }

                @Override
                public StoredObject next() {
                    BlobItem b = items.next();
                    Long size = b.getProperties() == null ? null : b.getProperties().getContentLength();
                    String type = b.getProperties() == null ? null : b.getProperties().getContentType();
                    return new StoredObject(b.getName(), size == null ? 0 : size, type);
                }
            };
        }

        @Override
        public PagedIterator.Page next() {
            try {
                if (!pages.hasNext()) {
                    return null;
                }
                PagedResponse<BlobItem> page = pages.next();
                return new BlobPage(container, pages, page.getValue().iterator());
            } catch (RuntimeException e) {
                throw failure(e, container, null);
            }
        }
    }

    @Override
    public byte[] readHead(String container, String name, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, not " + n);
        }
        StorageNames.checkBucket(container, "container");
        StorageNames.checkObject(name);
        if (n == 0) {
            return new byte[0];
        }
        try {
            BoundedBuffer head = BoundedBuffer.truncating(n);
            blob(container, name).downloadStreamWithResponse(head, new BlobRange(0, (long) n), null, null, false,
                    timeout, Context.NONE);
            return head.toByteArray();
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.INVALID_RANGE) {
                return new byte[0]; // an empty blob has no byte 0 to start a range at
            }
            throw failure(e, container, name);
        } catch (RuntimeException e) {
            throw failure(e, container, name);
        }
    }

    @Override
    public byte[] read(String container, String name, long maxBytes) {
        StorageNames.checkLimit(maxBytes);
        StorageNames.checkBucket(container, "container");
        StorageNames.checkObject(name);
        BlobClient blob = blob(container, name);
        try {
            BlobProperties props = blob.getPropertiesWithResponse(null, timeout, Context.NONE).getValue();
            if (props.getBlobSize() > maxBytes) {
                throw StorageNames.tooLarge(name, where(container), props.getBlobSize(), maxBytes);
            }
            if (props.getBlobSize() == 0) {
                return new byte[0];
            }
            // the version read is the one measured; one byte more than allowed tells "grown since"
            BlobRequestConditions sameVersion = new BlobRequestConditions().setIfMatch(props.getETag());
            byte[] content = download(blob, maxBytes + 1, sameVersion, container, name);
            if (content.length > maxBytes) {
                throw StorageNames.tooLarge(name, where(container), -1, maxBytes);
            }
            return content;
        } catch (RadgateException e) {
            throw e;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412) {
                throw new RadgateException(ErrorKind.UNAVAILABLE, "object '" + name + "' in " + where(container)
                        + " changed while it was read; retry", e);
            }
            throw failure(e, container, name);
        } catch (RuntimeException e) {
            throw failure(e, container, name);
        }
    }

    /** The first {@code n} bytes of the blob, by one ranged download; more is TOO_LARGE. */
    private byte[] download(BlobClient blob, long n, BlobRequestConditions conditions, String container, String name) {
        BoundedBuffer out = new BoundedBuffer(n, () -> StorageNames.tooLarge(name, where(container), -1, n - 1));
        blob.downloadStreamWithResponse(out, new BlobRange(0, n), null, conditions, false, timeout, Context.NONE);
        return out.toByteArray();
    }

    @Override
    public void write(String container, String name, byte[] content, String contentType) {
        StorageNames.checkBucket(container, "container");
        StorageNames.checkObject(name);
        try {
            blob(container, name).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(content))
                    .setHeaders(new BlobHttpHeaders().setContentType(contentType)), timeout, Context.NONE);
        } catch (RuntimeException e) {
            throw failure(e, container, name);
        }
    }

    @Override
    public void close() {
        // the SDK's clients hold nothing to release; the JDK HttpClient ends with its last use
    }

    private BlobClient blob(String container, String name) {
        return service.getBlobContainerClient(container).getBlobClient(name);
    }

    private static String where(String container) {
        return SERVICE + " container '" + container + "'";
    }

    /** The SDK's failure as radgate's; the SDK's own message is kept as the cause only. */
    private RadgateException failure(RuntimeException e, String container, String object) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RadgateException r) {
                return r; // ours, thrown inside the SDK's download (BoundedBuffer) and wrapped by it
            }
        }
        if (!(e instanceof BlobStorageException b)) {
            return new RadgateException(ErrorKind.UNAVAILABLE, SERVICE + " is unreachable", e);
        }
        int code = b.getStatusCode();
        BlobErrorCode error = b.getErrorCode();
        if (code == 404) {
            boolean containerMissing = BlobErrorCode.CONTAINER_NOT_FOUND.equals(error) || object == null
                    || !BlobErrorCode.BLOB_NOT_FOUND.equals(error) && !containerExists(container);
            return containerMissing
                    ? new RadgateException(ErrorKind.BAD_INPUT, "container '" + container + "' not found in "
                            + SERVICE, e)
                    : new RadgateException(ErrorKind.BAD_INPUT, "object '" + object + "' not found in "
                            + where(container), e);
        }
        if (code == 400) {
            return new RadgateException(ErrorKind.BAD_INPUT, SERVICE + " refused the name of container '" + container
                    + "'" + (object == null ? "" : " or object '" + object + "'") + " as invalid", e);
        }
        if (code == 403 && !BlobErrorCode.AUTHENTICATION_FAILED.equals(error)) {
            return new RadgateException(ErrorKind.BAD_INPUT, "radgate may not access " + where(container)
                    + " (permission denied)", e);
        }
        if (code == 403) {
            return new RadgateException(ErrorKind.UNAVAILABLE, SERVICE + " did not accept radgate's credentials", e);
        }
        return new RadgateException(ErrorKind.UNAVAILABLE, SERVICE + " is unavailable (HTTP " + code + ")", e);
    }

    private boolean containerExists(String container) {
        try {
            return service.getBlobContainerClient(container).existsWithResponse(timeout, Context.NONE).getValue();
        } catch (RuntimeException e) {
            return true; // cannot tell: name the object, which is missing either way
        }
    }
}
