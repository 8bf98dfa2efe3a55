package io.radgate.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.testing.LocalService;
import io.radgate.testing.TcpGate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link ObjectStore} must do, run against a real emulator by each store's IT.
 * Stores list with pages of {@link #PAGE_SIZE} objects.
 */
abstract class ObjectStoreContract {
    static final int PAGE_SIZE = 50;
    static final String BUCKET = "radgate-in";

    /** The store under test, on the emulator, with pages of PAGE_SIZE. */
    abstract ObjectStore store();

    /** A store that reaches the emulator through another local port (a TcpGate). */
    abstract ObjectStore storeVia(int port);

    /** The emulator's port. */
    abstract int emulatorPort();

    /** A second emulator, started, and a store on it. */
    abstract LocalService startAnother(Consumer<ObjectStore> storeOnIt);

    /** "bucket 'x' not found in GCS" or the like. */
    abstract String bucketNotFound(String bucket);

    @Test
    void writesAndReadsBack() {
        byte[] content = random(70_000, 1);
        store().write(BUCKET, "round/trip.png", content, "image/png");
        assertArrayEquals(content, store().read(BUCKET, "round/trip.png", content.length));
        StoredObject listed = store().list(BUCKET, "round/").next();
        assertEquals(new StoredObject("round/trip.png", content.length, "image/png"), listed);
    }

    @Test
    void listsAPrefixOfManyPagesInNameOrderFetchingPagesLazily() {
        List<String> names = IntStream.range(0, 120).mapToObj(i -> String.format("many/file.%03d", i)).toList();
        // written out of order: the order of the listing is the store's
        List<String> shuffled = new ArrayList<>(names);
        java.util.Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(n -> store().write(BUCKET, n, n.getBytes(StandardCharsets.UTF_8), "text/plain"));

        Iterator<StoredObject> it = store().list(BUCKET, "many/");
        List<String> seen = new ArrayList<>();
        seen.add(it.next().name());
        // written after the first page was fetched: only a later page fetch can see it
        store().write(BUCKET, "many/zz-late", new byte[1], "text/plain");
        it.forEachRemaining(o -> seen.add(o.name()));

        List<String> expected = new ArrayList<>(names);
        expected.add("many/zz-late");
        assertEquals(expected, seen);
    }

    @Test
    void aPrefixIsAPrefixOfTheNameNotAFolder() {
        store().write(BUCKET, "iso/a/1", new byte[] {1}, "image/png");
        store().write(BUCKET, "iso/ab/1", new byte[] {2}, "image/png");
        assertEquals(List.of("iso/a/1"), names(store().list(BUCKET, "iso/a/")));
        assertEquals(List.of("iso/ab/1"), names(store().list(BUCKET, "iso/ab/")));
        assertEquals(List.of("iso/a/1", "iso/ab/1"), names(store().list(BUCKET, "iso/a")));
        assertFalse(store().list(BUCKET, "iso/none/").hasNext());
    }

    @Test
    void readHeadReturnsExactlyTheFirstNBytes() {
        byte[] content = random(300_000, 2);
        store().write(BUCKET, "head/big", content, "application/octet-stream");
        assertArrayEquals(java.util.Arrays.copyOf(content, 16), store().readHead(BUCKET, "head/big", 16));
        assertArrayEquals(java.util.Arrays.copyOf(content, 1), store().readHead(BUCKET, "head/big", 1));
        store().write(BUCKET, "head/short", new byte[] {1, 2, 3}, "application/octet-stream");
        assertArrayEquals(new byte[] {1, 2, 3}, store().readHead(BUCKET, "head/short", 16));
        store().write(BUCKET, "head/empty", new byte[0], "application/octet-stream");
        assertEquals(0, store().readHead(BUCKET, "head/empty", 16).length);
        assertEquals(0, store().read(BUCKET, "head/empty", 10).length);
    }

    @Test
    void readAboveTheLimitIsRefusedWithoutReadingTheObject() throws Exception {
        byte[] content = random(4 << 20, 3);
        store().write(BUCKET, "large/scan.tiff", content, "image/tiff");
        try (TcpGate gate = new TcpGate(emulatorPort()); ObjectStore viaGate = storeVia(gatePort(gate))) {
            RadgateException e = assertThrows(RadgateException.class,
                    () -> viaGate.read(BUCKET, "large/scan.tiff", 1_000_000));
            assertEquals(ErrorKind.TOO_LARGE, e.kind());
            assertTrue(e.getMessage().contains("'large/scan.tiff'") && e.getMessage().contains(String.valueOf(4 << 20)),
                    e.getMessage());
            long read = gate.bytesFromUpstream.get();
            assertTrue(read < 64 * 1024, read + " bytes came from the store for a refused read");

            assertEquals(content.length, viaGate.read(BUCKET, "large/scan.tiff", content.length).length);
            assertTrue(gate.bytesFromUpstream.get() > content.length);
        }
    }

    @Test
    void aMissingBucketIsBadInputNamingIt() {
        String bucket = "no-such-bucket";
        for (Executable call : List.<Executable>of(
                () -> store().list(bucket, "x/"),
                () -> store().read(bucket, "x/1", 100),
                () -> store().readHead(bucket, "x/1", 16),
                () -> store().write(bucket, "x/1", new byte[1], "text/plain"))) {
            RadgateException e = assertThrows(RadgateException.class, call);
            assertEquals(ErrorKind.BAD_INPUT, e.kind(), e.getMessage());
            assertEquals(bucketNotFound(bucket), e.getMessage());
        }
    }

    @Test
    void aMissingObjectIsBadInputNamingIt() {
        for (Executable call : List.<Executable>of(
                () -> store().read(BUCKET, "absent/1.png", 100),
                () -> store().readHead(BUCKET, "absent/1.png", 16))) {
            RadgateException e = assertThrows(RadgateException.class, call);
            assertEquals(ErrorKind.BAD_INPUT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().startsWith("object 'absent/1.png' not found in "), e.getMessage());
        }
    }

    @Test
    void invalidNamesAreBadInput() {
        for (Executable call : List.<Executable>of(
                () -> store().list("Bad Bucket", ""),
                () -> store().read(BUCKET, "", 10),
                () -> store().readHead(BUCKET, "line\nbreak", 10),
                () -> store().list(BUCKET, "x".repeat(1025)))) {
            assertEquals(ErrorKind.BAD_INPUT, assertThrows(RadgateException.class, call).kind());
        }
    }

    @Test
    void aStoppedServiceIsUnavailable() {
        List<ObjectStore> stores = new ArrayList<>();
        LocalService other = startAnother(stores::add);
        try (ObjectStore s = stores.get(0)) {
            s.write(BUCKET, "x/1", new byte[] {1}, "text/plain");
            other.stop();
            for (Executable call : List.<Executable>of(
                    () -> s.list(BUCKET, "x/"),
                    () -> s.read(BUCKET, "x/1", 100),
                    () -> s.readHead(BUCKET, "x/1", 16),
                    () -> s.write(BUCKET, "x/2", new byte[1], "text/plain"))) {
                long t0 = System.nanoTime();
                RadgateException e = assertThrows(RadgateException.class, call);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
                assertTrue(e.getMessage().endsWith("is unreachable"), e.getMessage());
                assertTrue(millis < 5_000, "took " + millis + " ms");
            }
        } finally {
            other.stop();
        }
    }

    static int gatePort(TcpGate gate) {
        return Integer.parseInt(gate.target().substring(gate.target().indexOf(':') + 1));
    }

    static List<String> names(Iterator<StoredObject> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(o -> out.add(o.name()));
        return out;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
