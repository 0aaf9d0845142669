package munet.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import munet.data.ExampleSource;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import munet.model.FrozenComponentCache;
import munet.store.Blobs;

/** Trains and tests candidates in this JVM, one after another: alone, or as one Spark executor's learner. */
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
        Map<String, CandidateResult> results = new HashMap<>();
        for (List<CandidateSpec> group : SharedTrainingKey.groups(candidates, 1)) {
            try {
                trainer.trainTogether(group).forEach(result -> results.put(result.candidateId(), result));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "training candidates "
                                + group.stream().map(CandidateSpec::candidateId).toList() + " failed: "
                                + e.getMessage(),
                        e);
            }
        }
        return candidates.stream().map(spec -> results.get(spec.candidateId())).toList();
    }

    @Override
    public List<TestResult> test(List<CandidateSpec> paths) {
        return each(paths, trainer::test, "testing path");
    }

    /** One after another on the calling thread; results in the order given. */
    private static List<TestResult> each(List<CandidateSpec> specs, SpecWork work, String what) {
        List<TestResult> results = new ArrayList<>();
        for (CandidateSpec spec : specs) {
            try {
                results.add(work.apply(spec));
            } catch (IOException e) {
                throw new UncheckedIOException(what + " " + spec.candidateId() + " failed: " + e.getMessage(), e);
            }
        }
        return results;
    }

    private interface SpecWork {
        TestResult apply(CandidateSpec spec) throws IOException;
    }
}
