package io.radgate.protocol.invocations;

import io.radgate.error.RadgateException;
import io.radgate.imaging.ImageFileFormat;
import io.radgate.observability.ClientNames;
import io.radgate.storage.ObjectStore;
import io.radgate.storage.StoredObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image objects under a bucket prefix (§2.3), listed page by page. An object is an image when
 * its content type says image/*, or else when its first bytes are a known image format; others
 * are logged and skipped, as the original skips what cv2 cannot decode. Only names are kept:
 * each job reads its own object when it runs.
 */
final class BucketImages {
    static final int HEAD_BYTES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(BucketImages.class);

    private final ObjectStores stores;
    private final int maxObjects;

    BucketImages(ObjectStores stores, int maxObjects) {
        this.stores = stores;
        this.maxObjects = maxObjects;
    }

    /** Names of the images under {@code prefix}, or under {@code prefix/file.NNN} for each slice asked. */
    List<String> find(String source, String bucket, String prefix, List<String> sliceSuffixes) {
        ObjectStore store = stores.of(source);
        List<String> prefixes = new ArrayList<>();
        if (sliceSuffixes == null) {
            prefixes.add(prefix);
        } else {
            sliceSuffixes.forEach(s -> prefixes.add(prefix + "/" + s));
        }
        List<String> names = new ArrayList<>();
        int skipped = 0;
        for (String p : prefixes) {
            Iterator<StoredObject> it = store.list(bucket, p);
            while (it.hasNext()) {
                StoredObject o = it.next();
                if (isImage(store, bucket, o)) {
                    if (names.size() == maxObjects) {
                        throw RadgateException.badInput("more than " + maxObjects + " images under '" + p
                                + "' (invocations.max-objects)");
                    }
                    names.add(o.name());
                } else {
                    skipped++;
                    LOG.info("skipped {} object {}: not an image", store.kind(), ClientNames.forLog(o.name()));
                }
            }
        }
        if (skipped > 0) {
            LOG.info("{} images and {} skipped objects under the prefix", names.size(), skipped);
        }
        return names;
    }

    private static boolean isImage(ObjectStore store, String bucket, StoredObject o) {
        if (o.size() == 0) {
            return false; // folder placeholders
        }
        String type = o.contentType();
        if (type != null && type.regionMatches(true, 0, "image/", 0, 6)) {
            return true;
        }
        return ImageFileFormat.sniff(store.readHead(bucket, o.name(), HEAD_BYTES)).isPresent();
    }
}
