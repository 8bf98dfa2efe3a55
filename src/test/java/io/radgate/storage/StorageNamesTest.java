package io.radgate.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Name checks and the page walker, without a store (the ITs run the stores on emulators). */
class StorageNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Upper", "-dash-first", "dot-last.", "has space", "new\nline", "ü-bucket"})
    void badBucketNamesAreBadInputNamingThem(String bucket) {
        RadgateException e = assertThrows(RadgateException.class, () -> StorageNames.checkBucket(bucket, "bucket"));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("bucket"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "radgate-in", "my_bucket.example.com", "0bucket9"})
    void goodBucketNamesPass(String bucket) {
        assertDoesNotThrow(() -> StorageNames.checkBucket(bucket, "bucket"));
    }

    @Test
    void objectNamesAreBoundedAndPrintable() {
        assertDoesNotThrow(() -> StorageNames.checkObject("study/series/file.001"));
        assertDoesNotThrow(() -> StorageNames.checkPrefix(""));
        assertDoesNotThrow(() -> StorageNames.checkObject("é".repeat(512))); // 1024 bytes
        for (String bad : List.of("", "é".repeat(513), "a\u0000b", "tab\tname")) {
            assertEquals(ErrorKind.BAD_INPUT, assertThrows(RadgateException.class,
                    () -> StorageNames.checkObject(bad)).kind());
        }
        String message = assertThrows(RadgateException.class, () -> StorageNames.checkObject("x".repeat(2000)))
                .getMessage();
        assertTrue(message.length() < 250, message);
    }

    @Test
    void tooLargeNamesTheObjectAndBothSizes() {
        RadgateException e = StorageNames.tooLarge("p/scan.png", "GCS bucket 'b'", 5000, 1000);
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
        assertEquals("object 'p/scan.png' in GCS bucket 'b' is 5000 bytes, above the limit of 1000 bytes",
                e.getMessage());
    }

    @Test
    void pagesAreFetchedOneAtATimeAndEmptyPagesAreSkipped() {
        List<Integer> fetched = new ArrayList<>();
        Iterator<StoredObject> it = new PagedIterator(page(0, List.of(List.of("a", "b"), List.of(), List.of("c")),
                fetched));
        assertEquals(List.of(), fetched);
        assertEquals("a", it.next().name());
        assertEquals("b", it.next().name());
        assertEquals(List.of(), fetched); // the second page only when the first is used up
        assertEquals("c", it.next().name());
        assertEquals(List.of(1, 2), fetched);
        assertTrue(!it.hasNext());
        assertEquals(List.of(1, 2, 3), fetched);
    }

    private static PagedIterator.Page page(int index, List<List<String>> pages, List<Integer> fetched) {
        return new PagedIterator.Page() {
            @Override
            public Iterator<StoredObject> items() {
                return pages.get(index).stream().map(n -> new StoredObject(n, 1, null)).iterator();
            }

            @Override
            public PagedIterator.Page next() {
                fetched.add(index + 1);
                return index + 1 < pages.size() ? page(index + 1, pages, fetched) : null;
            }
        };
    }
}
