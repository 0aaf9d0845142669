package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import munet.system.SystemState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemStoreTest {
    @TempDir
    Path dir;

    private StoreLease lease(SystemStore store) throws IOException {
        return StoreLease.acquire(store.fileSystem(), store.root(), "test", Clock.systemUTC());
    }

    @Test
    void committedVersionsLoadBackEqual() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        try (StoreLease lease = lease(store)) {
            SystemState first = store.commit(lease, StoreFixtures.initial(store.blobs()));
            SystemState grown = StoreFixtures.withBestPath(store.blobs(), first, "digits", 0.9);
            SystemState second = store.commit(
                    lease,
                    StoreFixtures.withVersion(StoreFixtures.withBestPath(store.blobs(), grown, "bengali", 0.7), 2));

            assertEquals(1, first.version());
            assertEquals(2, second.version());
            assertEquals(List.of(1L, 2L), store.committedVersions());
            assertEquals(second, store.loadLatest().orElseThrow());
            assertEquals(first, store.load(1));
            assertEquals(
                    List.of("digits", "bengali"),
                    List.copyOf(store.load(2).tasks().keySet()));
            assertEquals(
                    Integer.class,
                    store.load(2)
                            .bestPaths()
                            .get("digits")
                            .hparams()
                            .get("num_layers")
                            .getClass());
        }
    }

    @Test
    void emptyStoreHasNoVersion() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        assertEquals(0, store.latestVersion());
        assertTrue(store.loadLatest().isEmpty());
        IOException e = assertThrows(IOException.class, () -> store.load(3));
        assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    }

    @Test
    void commitOnAStaleBaseFails() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        try (StoreLease lease = lease(store)) {
            SystemState initial = StoreFixtures.initial(store.blobs());
            store.commit(lease, initial);
            SystemState anotherFirstVersion =
                    StoreFixtures.withVersion(StoreFixtures.withBestPath(store.blobs(), initial, "digits", 0.5), 1);
            IOException e = assertThrows(IOException.class, () -> store.commit(lease, anotherFirstVersion));
            assertTrue(e.getMessage().contains("another job committed"), e.getMessage());
            assertEquals(1, store.latestVersion());
        }
    }

    @Test
    void crashAfterAnyWriteLeavesTheOldOrTheNewVersion() throws IOException {
        List<String> steps = new ArrayList<>(VersionTables.FILES);
        steps.add(SystemStore.MARKER);
        for (String crashAfter : steps) {
            Path storeDir = Files.createDirectory(dir.resolve("crash-after-" + crashAfter));
            SystemStore clean = StoreFixtures.store(storeDir, CommitStep.NONE);
            SystemStore crashing = StoreFixtures.store(storeDir, file -> {
                if (file.equals(crashAfter)) {
                    throw new IOException("injected crash after " + file);
                }
            });
            try (StoreLease lease = lease(clean)) {
                SystemState old = clean.commit(lease, StoreFixtures.initial(clean.blobs()));
                SystemState next = StoreFixtures.withBestPath(clean.blobs(), old, "digits", 0.8);
                assertThrows(IOException.class, () -> crashing.commit(lease, next));

                SystemState after = clean.loadLatest().orElseThrow();
                boolean markerWritten = crashAfter.equals(SystemStore.MARKER);
                assertEquals(markerWritten ? 2 : 1, after.version(), crashAfter);
                assertEquals(markerWritten ? StoreFixtures.withVersion(next, 2) : old, after, crashAfter);

                if (markerWritten) {
                    assertEquals(after, clean.commit(lease, next), "a retry of a completed commit returns it");
                }
                SystemState retried =
                        clean.commit(lease, StoreFixtures.withBestPath(clean.blobs(), after, "bengali", 0.6));
                assertEquals(retried, clean.loadLatest().orElseThrow(), crashAfter);
            }
        }
    }

    @Test
    void componentWithoutBlobIsNotCommitted() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        try (StoreLease lease = lease(store)) {
            SystemState initial = StoreFixtures.initial(store.blobs());
            String headId = initial.rootPaths().get(0).componentId("head");
            store.fileSystem().delete(store.blobs().pathOf(headId), false);
            BadBlobException e = assertThrows(BadBlobException.class, () -> store.commit(lease, initial));
            assertTrue(e.getMessage().contains("component head"), e.getMessage());
            assertEquals(0, store.latestVersion());
        }
    }

    @Test
    void commitWithoutTheLeaseFails() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        StoreLease lease = lease(store);
        lease.close();
        IOException e =
                assertThrows(IOException.class, () -> store.commit(lease, StoreFixtures.initial(store.blobs())));
        assertTrue(e.getMessage().contains("was lost"), e.getMessage());
    }
}
