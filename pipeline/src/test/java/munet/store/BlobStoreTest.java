package munet.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import munet.system.Component;
import munet.system.SystemState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void writeIsIdempotentAndLeavesNoTemporaryFile() throws IOException {
        BlobStore blobs = StoreFixtures.store(dir, CommitStep.NONE).blobs();
        byte[] bytes = "weights".getBytes(StandardCharsets.UTF_8);
        String id = blobs.write(bytes);
        assertEquals(id, blobs.write(bytes));
        assertEquals(BlobStore.idOf(bytes), id);
        assertArrayEquals(bytes, blobs.read(id));
        assertEquals(List.of(id + BlobStore.SUFFIX), visibleFiles(dir.resolve("blobs")));
    }

    @Test
    void corruptBlobIsReportedWithItsComponentAndTasks() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        SystemState system =
                StoreFixtures.withBestPath(store.blobs(), StoreFixtures.initial(store.blobs()), "digits", 0.9);
        Component block = system.component(system.bestPaths().get("digits").componentId("encoderblock_0"));
        Path file = dir.resolve("blobs").resolve(block.id() + BlobStore.SUFFIX);
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] ^= 1;
        Files.write(file, bytes);
        // Without the local file system's checksum file, the read itself succeeds and the hash check must catch it.
        Files.delete(dir.resolve("blobs").resolve("." + block.id() + BlobStore.SUFFIX + ".crc"));

        BadBlobException e = assertThrows(BadBlobException.class, () -> store.verifyBlobs(system));
        assertEquals(block.id(), e.blobId());
        assertTrue(e.getMessage().contains("component encoderblock_0 used by tasks [digits, root]"), e.getMessage());
        assertTrue(e.getMessage().contains("is corrupt"), e.getMessage());
    }

    @Test
    void missingBlobIsReportedWithItsComponent() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        SystemState system = StoreFixtures.initial(store.blobs());
        Component head = system.component(system.rootPaths().get(0).componentId("head"));
        store.fileSystem().delete(store.blobs().pathOf(head.id()), false);

        BadBlobException e =
                assertThrows(BadBlobException.class, () -> store.blobs().read(head));
        assertTrue(e.getMessage().contains("component head used by tasks [root]"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void malformedIdIsRefused() throws IOException {
        BlobStore blobs = StoreFixtures.store(dir, CommitStep.NONE).blobs();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> blobs.read("../etc/passwd"));
        assertTrue(e.getMessage().contains("not a blob id"), e.getMessage());
    }

    static List<String> visibleFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
