package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import munet.evolution.CandidateResult;
import munet.evolution.IterationState;
import munet.evolution.Rng;
import munet.system.SystemState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCollectorTest {
    private static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void removesOnlyOldUnreferencedBlobs() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        BlobStore blobs = store.blobs();
        try (StoreLease lease = StoreLease.acquire(store.fileSystem(), store.root(), "gc", Clock.systemUTC())) {
            SystemState first = store.commit(lease, StoreFixtures.initial(blobs));
            SystemState second = store.commit(lease, StoreFixtures.withBestPath(blobs, first, "digits", 0.9));
            IterationState inProgress = IterationCheckpointTest.stateAfter(store, 0, new Rng(7));
            new IterationCheckpoint(store.fileSystem(), store.root()).save(StoreFixtures.UNFENCED, inProgress);
            String oldGarbage = blobs.write("discarded candidate".getBytes(StandardCharsets.UTF_8));
            String youngGarbage = blobs.write("running candidate".getBytes(StandardCharsets.UTF_8));

            Set<String> referenced = new HashSet<>(first.components().keySet());
            referenced.addAll(second.components().keySet());
            referenced.add(inProgress.newComponents().get(0).id());
            long twoHoursAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
            for (String id : referenced) {
                age(store, id, twoHoursAgo);
            }
            age(store, oldGarbage, twoHoursAgo);
            org.apache.hadoop.fs.Path abandonedWrite =
                    new org.apache.hadoop.fs.Path(blobs.directory(), BlobStore.TEMP_PREFIX + "x");
            store.fileSystem().create(abandonedWrite).close();
            store.fileSystem().setTimes(abandonedWrite, twoHoursAgo, -1);

            BlobCollector.Report report = new BlobCollector(store, GRACE, Clock.systemUTC()).collect(lease);

            assertEquals(List.of(oldGarbage), report.removed());
            assertEquals(referenced.size() + 1, report.kept());
            assertFalse(blobs.exists(oldGarbage));
            assertTrue(blobs.exists(youngGarbage));
            assertFalse(store.fileSystem().exists(abandonedWrite));
            store.verifyBlobs(store.load(1));
            store.verifyBlobs(store.load(2));
        }
    }

    /**
     * A killed job's finished candidates of its interrupted generation are reused when it resumes,
     * so a gc between the kill and the rerun (past the grace period) must keep their blobs.
     */
    @Test
    void keepsTheBlobsOfFinishedCandidatesOfTheInterruptedGeneration() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        BlobStore blobs = store.blobs();
        try (StoreLease lease = StoreLease.acquire(store.fileSystem(), store.root(), "gc", Clock.systemUTC())) {
            store.commit(lease, StoreFixtures.initial(blobs));
            String trained = blobs.write("head trained by candidate c1".getBytes(StandardCharsets.UTF_8));
            CandidateResult result = CandidateHistoryTest.result("c1", true, "executor-1");
            result = new CandidateResult(
                    result.candidateId(),
                    result.validations(),
                    true,
                    result.bestQuality(),
                    result.bestScore(),
                    Map.of("head", trained),
                    result.newComponentParams(),
                    result.trainableParams(),
                    result.totalParams(),
                    result.imagesTrained(),
                    result.seconds(),
                    result.executor());
            store.finishedCandidates().record(lease, CandidateHistoryTest.spec("c1", 1, "root-0", 0.5), result);
            String garbage = blobs.write("dropped candidate".getBytes(StandardCharsets.UTF_8));
            long twoHoursAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
            age(store, trained, twoHoursAgo);
            age(store, garbage, twoHoursAgo);

            BlobCollector.Report report = new BlobCollector(store, GRACE, Clock.systemUTC()).collect(lease);

            assertEquals(List.of(garbage), report.removed());
            assertTrue(blobs.exists(trained), "the finished candidate's blob is kept for the resumed job");
        }
    }

    private static void age(SystemStore store, String id, long modifiedMillis) throws IOException {
        store.fileSystem().setTimes(store.blobs().pathOf(id), modifiedMillis, -1);
    }
}
