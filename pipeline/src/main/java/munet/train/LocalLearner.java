package munet.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import munet.data.ExampleSource;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import munet.model.FrozenComponentCache;
import munet.store.Blobs;

/** Trains and tests candidates in this JVM: alone, or as one Spark executor's learner. */
public final class LocalLearner implements Learner {
    private final CandidateTrainer trainer;

    /** {@code executor} names this JVM in every result (the history's executor column). */
    public LocalLearner(TrainingConfig config, ExampleSource examples, Blobs blobs, String executor) {
        this.trainer = new CandidateTrainer(
                config, blobs, examples, FrozenComponentCache.perJvm(config.frozenCacheBytes()), executor);
    }

    /**
     * Candidates with the same {@link SharedTrainingKey} train together (their batches and frozen
     * prefix computed once), the others one after another; each result is what training it alone gives.
     */
    @Override
    public List<CandidateResult> train(List<CandidateSpec> candidates) {
        List<CandidateResult> results = new ArrayList<>();
        for (List<CandidateSpec> group : SharedTrainingKey.groups(candidates, 1)) {
            try {
                results.addAll(trainer.trainTogether(group));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "training candidates "
                                + group.stream().map(CandidateSpec::candidateId).toList() + " failed: "
                                + e.getMessage(),
                        e);
            }
        }
        return CandidateResult.inOrderOf(candidates, results);
    }

    /** One path after another on the calling thread; results in the order given. */
    @Override
    public List<TestResult> test(List<CandidateSpec> paths) {
        List<TestResult> results = new ArrayList<>();
        for (CandidateSpec path : paths) {
            try {
                results.add(trainer.test(path));
            } catch (IOException e) {
                throw new UncheckedIOException("testing path " + path.candidateId() + " failed: " + e.getMessage(), e);
            }
        }
        return results;
    }
}
