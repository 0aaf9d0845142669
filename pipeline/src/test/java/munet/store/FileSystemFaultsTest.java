package munet.store;

import static munet.store.FaultyFileSystem.Operation.CREATE;
import static munet.store.FaultyFileSystem.Operation.DELETE;
import static munet.store.FaultyFileSystem.Operation.RENAME;
import static munet.store.FaultyFileSystem.Operation.SHORT_READ;
import static munet.store.FaultyFileSystem.Operation.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import munet.evolution.CandidateResult;
import munet.store.FaultyFileSystem.Operation;
import munet.system.SystemState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each operation the store performs in a commit, a gc and a blob write, failed once by a file
 * system registered under its own scheme ({@link FaultyFileSystem}): the call fails with one line
 * naming what failed, the store is unchanged (or holds only what a rerun redoes), and the same
 * call then succeeds. Every case prints its line, the table of operations README quotes.
 */
class FileSystemFaultsTest {

    @TempDir
    Path dir;

    private SystemStore store;
    private StoreLease lease;
    private SystemState first;

    @BeforeEach
    void storeAtVersionOne() throws IOException {
        store = new SystemStore(
                new org.apache.hadoop.fs.Path(
                                FaultyFileSystem.SCHEME + "://" + dir.toUri().getPath())
                        .getFileSystem(FaultyFileSystem.configuration()),
                new org.apache.hadoop.fs.Path(
                        FaultyFileSystem.SCHEME + "://" + dir.toUri().getPath()),
                CommitStep.NONE);
        lease = StoreLease.acquire(store.fileSystem(), store.root(), "faults", Clock.systemUTC());
        first = store.commit(lease, StoreFixtures.initial(store.blobs()));
    }

    @AfterEach
    void release() throws IOException {
        FaultyFileSystem.disarm();
        lease.close();
    }

    static List<Arguments> commitFaults() {
        return List.of(
                Arguments.of(DELETE, "versions/2"),
                Arguments.of(CREATE, "tasks.parquet"),
                Arguments.of(WRITE, "tasks.parquet"),
                Arguments.of(CREATE, "components.parquet"),
                Arguments.of(WRITE, "components.parquet"),
                Arguments.of(CREATE, "paths.parquet"),
                Arguments.of(WRITE, "paths.parquet"),
                Arguments.of(CREATE, "architecture.json"),
                Arguments.of(WRITE, "architecture.json"),
                Arguments.of(SHORT_READ, "versions/2/paths.parquet"),
                Arguments.of(CREATE, "._COMMITTED.tmp"),
                Arguments.of(WRITE, "._COMMITTED.tmp"),
                Arguments.of(DELETE, "2/_COMMITTED"),
                Arguments.of(RENAME, "2/_COMMITTED"));
    }

    @ParameterizedTest(name = "commit: {0} {1}")
    @MethodSource("commitFaults")
    void aCommitThatFailsLeavesThePreviousVersionAndARerunCommits(Operation operation, String path) throws IOException {
        SystemState next = StoreFixtures.withBestPath(store.blobs(), first, "digits", 0.9);
        FaultyFileSystem.arm(operation, path);
        IOException e = assertThrows(IOException.class, () -> store.commit(lease, next));
        assertFired(operation, path, e);
        assertEquals(1, store.latestVersion(), "the failed commit is no version");
        assertEquals(first, store.load(1));

        assertEquals(next, store.commit(lease, next), "the rerun commits");
        assertEquals(next, store.load(2));
        store.verifyBlobs(store.load(2));
    }

    /** A lease read that ends early looks like one caught mid-heartbeat: the fence reads it again. */
    @Test
    void aShortReadOfTheLeaseIsReadAgainAndTheCommitProceeds() throws IOException {
        SystemState next = StoreFixtures.withBestPath(store.blobs(), first, "digits", 0.9);
        FaultyFileSystem.arm(SHORT_READ, "_LEASE");
        assertEquals(next, store.commit(lease, next));
        assertEquals(1, FaultyFileSystem.fired());
        assertEquals(next, store.load(2));
    }

    static List<Arguments> gcFaults() {
        return List.of(
                Arguments.of(DELETE, "blobs/"),
                Arguments.of(SHORT_READ, "versions/1/_COMMITTED"),
                Arguments.of(SHORT_READ, "versions/1/components.parquet"),
                Arguments.of(SHORT_READ, "in-progress/results"));
    }

    /** gc must fail rather than delete what it could not prove unreferenced. */
    @ParameterizedTest(name = "gc: {0} {1}")
    @MethodSource("gcFaults")
    void aGcThatFailsRemovesNothingNeededAndARerunCollects(Operation operation, String path) throws IOException {
        String garbage = store.blobs().write("a dropped candidate".getBytes(StandardCharsets.UTF_8));
        String reused = store.blobs().write("head of a finished candidate".getBytes(StandardCharsets.UTF_8));
        CandidateResult result = CandidateHistoryTest.result("c1", true, "executor-1");
        store.finishedCandidates()
                .record(
                        lease,
                        CandidateHistoryTest.spec("c1", 1, "root-0", 0.5),
                        new CandidateResult(
                                "c1",
                                result.validations(),
                                true,
                                0.75,
                                0.735,
                                Map.of("head", reused),
                                result.newComponentParams(),
                                result.trainableParams(),
                                result.totalParams(),
                                result.imagesTrained(),
                                result.seconds(),
                                result.executor()));
        BlobCollector collector =
                new BlobCollector(store, Duration.ofMillis(1), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
        FaultyFileSystem.arm(operation, path);
        IOException e = assertThrows(IOException.class, () -> collector.collect(lease));
        assertFired(operation, path, e);
        assertTrue(store.blobs().exists(reused));
        store.verifyBlobs(store.load(1));

        assertEquals(List.of(garbage), collector.collect(lease).removed(), "the rerun collects");
        assertTrue(store.blobs().exists(reused), "and keeps what a resumed job reuses");
        store.verifyBlobs(store.load(1));
    }

    static List<Arguments> blobFaults() {
        return List.of(
                Arguments.of(CREATE, "blobs/.tmp-"),
                Arguments.of(WRITE, "blobs/.tmp-"),
                Arguments.of(RENAME, ".safetensors"),
                Arguments.of(SHORT_READ, ".safetensors"));
    }

    @ParameterizedTest(name = "blob: {0} {1}")
    @MethodSource("blobFaults")
    void aBlobWriteOrReadThatFailsShowsNoBlobAndARetrySucceeds(Operation operation, String path) throws IOException {
        byte[] bytes = "snapshot of a trained adapter".getBytes(StandardCharsets.UTF_8);
        String id = BlobStore.idOf(bytes);
        FaultyFileSystem.arm(operation, path);
        IOException e = assertThrows(IOException.class, () -> {
            store.blobs().write(bytes);
            store.blobs().read(id);
        });
        assertFired(operation, path, e);
        if (operation != SHORT_READ) {
            assertFalse(store.blobs().exists(id), "no blob under its id until it is whole");
        }
        assertEquals(id, store.blobs().write(bytes));
        assertEquals(
                new String(bytes, StandardCharsets.UTF_8),
                new String(store.blobs().read(id), StandardCharsets.UTF_8));
        Set<String> leftovers = new TreeSet<>();
        for (var status : store.fileSystem().listStatus(store.blobs().directory())) {
            leftovers.add(status.getPath().getName());
        }
        assertTrue(
                leftovers.stream()
                        .noneMatch(name ->
                                name.endsWith(".safetensors") && name.startsWith(".tmp-") && operation == RENAME),
                "a failed rename leaves no temporary blob: " + leftovers);
    }

    private static void assertFired(Operation operation, String path, IOException e) {
        assertEquals(1, FaultyFileSystem.fired(), operation + " " + path + " was never performed");
        // the command line prints the first line of a message (Main.report)
        String line =
                e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        assertFalse(line.isBlank(), "a message for " + operation + " " + path);
        System.out.println("fault " + operation + " " + path + " -> " + line);
    }
}
