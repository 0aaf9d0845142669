package munet.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import munet.jobs.Generation;
import munet.store.StoreLease;
import munet.store.SystemStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of finished candidates on a real store: reuse, retraining when a blob is gone, the lease fence. */
class ResumableLearnerTest {

    @TempDir
    Path dir;

    private SystemStore store;
    private final List<String> trained = new ArrayList<>();

    /** Trains by writing one blob per candidate, derived from its id, as a real trainer writes its snapshot. */
    private final Learner trainer = new Learner() {
        @Override
        public List<CandidateResult> train(List<CandidateSpec> candidates) {
            CandidateSpec spec = candidates.get(0);
            trained.add(spec.candidateId());
            try {
                String blob = store.blobs().write(("head of " + spec.candidateId()).getBytes(StandardCharsets.UTF_8));
                return List.of(new CandidateResult(
                        spec.candidateId(),
                        List.of(new CandidateResult.Validation(3, 0.5, 0.5)),
                        true,
                        0.5,
                        0.5,
                        Map.of("head", blob),
                        Map.of("head", 10L),
                        10,
                        20,
                        24,
                        Map.of("train", 1.0),
                        "test"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<TestResult> test(List<CandidateSpec> paths) {
            throw new UnsupportedOperationException();
        }
    };

    @BeforeEach
    void open() throws IOException {
        store = SystemStore.open(dir.toUri().toString(), new Configuration());
    }

    private ResumableLearner learner(StoreLease lease) {
        return new ResumableLearner(
                trainer, store.finishedCandidates(), store.fence(lease.holder().token()), store.blobs());
    }

    @Test
    void aRecordedResultIsReusedUnlessItsBlobIsGone() throws IOException {
        CandidateSpec spec = Generation.specs(1).get(0);
        try (StoreLease lease = acquire("evolve")) {
            CandidateResult first = learner(lease).train(List.of(spec)).get(0);
            assertEquals(first, learner(lease).train(List.of(spec)).get(0));
            assertEquals(List.of(spec.candidateId()), trained, "the second time it is reused");

            String blob = first.newComponentIds().get("head");
            store.fileSystem().delete(store.blobs().pathOf(blob), false);
            assertEquals(first, learner(lease).train(List.of(spec)).get(0));
            assertEquals(List.of(spec.candidateId(), spec.candidateId()), trained, "retrained: its blob was gone");
            assertTrue(store.blobs().exists(blob), "the retraining wrote the blob again");
        }
    }

    @Test
    void anExecutorOfAJobThatLostItsLeaseRecordsNothing() throws IOException {
        CandidateSpec spec = Generation.specs(1).get(0);
        StoreLease lost = acquire("stalled evolve");
        FileSystem fs = store.fileSystem();
        fs.delete(new org.apache.hadoop.fs.Path(store.root(), "_LEASE"), false); // broken by an operator
        try (StoreLease next = acquire("next evolve")) {
            UncheckedIOException e =
                    assertThrows(UncheckedIOException.class, () -> learner(lost).train(List.of(spec)));
            assertTrue(e.getMessage().contains("was lost; now held by 'next evolve'"), e.getMessage());
            assertTrue(store.finishedCandidates().all().isEmpty(), "nothing recorded");
            next.verifyHeld();
        }
    }

    private StoreLease acquire(String owner) throws IOException {
        return StoreLease.acquire(store.fileSystem(), store.root(), owner, Clock.systemUTC());
    }
}
