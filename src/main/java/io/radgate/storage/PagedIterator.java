package io.radgate.storage;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks a listing page by page: the next page is fetched only when the current one is used
 * up, so at most one page is held at a time.
 */
final class PagedIterator implements Iterator<StoredObject> {
    /** One page of a listing and the way to the next one. */
    interface Page {
        Iterator<StoredObject> items();

        /** Fetches the following page (a network call); null after the last one. */
        Page next();
    }

    private Page page;
    private Iterator<StoredObject> items;

    PagedIterator(Page first) {
        this.page = first;
        this.items = first == null ? null : first.items();
    }

    @Override
    public boolean hasNext() {
        // a page may be empty while a later one is not (both services allow it)
        while (items != null && !items.hasNext()) {
            page = page.next();
            items = page == null ? null : page.items();
        }
        return items != null;
    }

    @Override
    public StoredObject next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return items.next();
    }
}
