package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import munet.system.InputNormalisation;
import munet.system.SystemState;
import munet.system.VitArchitecture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionFormatTest {
    @TempDir
    Path dir;

    private SystemStore store;
    private SystemState committed;

    @BeforeEach
    void commitOneVersion() throws IOException {
        store = StoreFixtures.store(dir, CommitStep.NONE);
        try (StoreLease lease = StoreLease.acquire(store.fileSystem(), store.root(), "test", Clock.systemUTC())) {
            committed = store.commit(
                    lease,
                    StoreFixtures.withVersion(
                            StoreFixtures.withBestPath(
                                    store.blobs(), StoreFixtures.initial(store.blobs()), "digits", 0.9),
                            1));
        }
    }

    @Test
    void newerFormatIsRefused() throws IOException {
        Path marker = dir.resolve("versions/1/_COMMITTED");
        String json = Files.readString(marker).replace("\"formatVersion\":1", "\"formatVersion\":3");
        rewrite(marker, json.getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> store.load(1));
        assertTrue(e.getMessage().contains("store format 3, newer than format 2"), e.getMessage());
    }

    @Test
    void aSignedSystemStaysFormat1AndAnotherNormalisationIsFormat2() throws IOException {
        assertTrue(Files.readString(dir.resolve("versions/1/_COMMITTED")).contains("\"formatVersion\":1"));
        InputNormalisation imagenet =
                new InputNormalisation(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));
        SystemState next = new SystemState(
                2,
                committed.architecture().withNormalisation(imagenet),
                committed.tasks(),
                committed.components(),
                committed.bestPaths(),
                committed.rootPaths());
        try (StoreLease lease = StoreLease.acquire(store.fileSystem(), store.root(), "test", Clock.systemUTC())) {
            store.commit(lease, next);
        }
        assertTrue(Files.readString(dir.resolve("versions/2/_COMMITTED")).contains("\"formatVersion\":2"));
        assertEquals(imagenet, store.load(2).architecture().normalisation());
    }

    @Test
    void anArchitectureWrittenBeforeNormalisationWasRecordedReadsAsSigned() {
        VitArchitecture old = StoreJson.GSON.fromJson(
                "{\"hiddenSize\":8,\"mlpDim\":16,\"numHeads\":2,\"patchSize\":4,\"channels\":3}",
                VitArchitecture.class);
        assertEquals(new VitArchitecture(8, 16, 2, 4, 3), old);
        assertEquals(InputNormalisation.SIGNED, old.normalisation());
    }

    @Test
    void truncatedTableFailsNamingTheFile() throws IOException {
        Path table = dir.resolve("versions/1/paths.parquet");
        byte[] bytes = Files.readAllBytes(table);
        rewrite(table, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> store.load(1));
        assertTrue(e.getMessage().contains("paths.parquet"), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
    }

    @Test
    void truncatedParquetFileIsReportedByTheReaderToo() throws IOException {
        Path table = dir.resolve("versions/1/tasks.parquet");
        byte[] bytes = Files.readAllBytes(table);
        rewrite(table, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        IOException e = assertThrows(
                IOException.class,
                () -> ParquetFiles.read(
                        store.fileSystem(), new org.apache.hadoop.fs.Path(store.root(), "versions/1/tasks.parquet")));
        assertTrue(e.getMessage().contains("tasks.parquet"), e.getMessage());
    }

    @Test
    void versionWithoutMarkerDoesNotExist() throws IOException {
        Files.createDirectories(dir.resolve("versions/2"));
        Files.copy(dir.resolve("versions/1/tasks.parquet"), dir.resolve("versions/2/tasks.parquet"));
        assertEquals(1, store.latestVersion());
        assertEquals(committed, store.loadLatest().orElseThrow());
        IOException e = assertThrows(IOException.class, () -> store.load(2));
        assertTrue(e.getMessage().contains("does not exist (committed versions: [1])"), e.getMessage());
    }

    /** Replaces a file's bytes behind the local file system's back (its checksum file goes too). */
    private static void rewrite(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }
}
