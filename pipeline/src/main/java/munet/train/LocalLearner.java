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

/** Trains and tests candidates in this JVM, one after another: alone, or as one Spark executor's learner. */
public final class LocalLearner implements Learner {
    private final CandidateTrainer trainer;

    /** {@code executor} names this JVM in every result (the history's executor column). */
    public LocalLearner(TrainingConfig config, ExampleSource examples, Blobs blobs, String executor) {
        this.trainer = new CandidateTrainer(
                config, blobs, examples, FrozenComponentCache.perJvm(config.frozenCacheBytes()), executor);
    }

    @Override
    public List<CandidateResult> train(List<CandidateSpec> candidates) {
        return each(candidates, trainer::train, "training candidate");
    }

    @Override
    public List<TestResult> test(List<CandidateSpec> paths) {
        return each(paths, trainer::test, "testing path");
    }

    /** One after another on the calling thread; results in the order given. */
    private static <R> List<R> each(List<CandidateSpec> specs, SpecWork<R> work, String what) {
        List<R> results = new ArrayList<>();
        for (CandidateSpec spec : specs) {
            try {
                results.add(work.apply(spec));
            } catch (IOException e) {
                throw new UncheckedIOException(what + " " + spec.candidateId() + " failed: " + e.getMessage(), e);
            }
        }
        return results;
    }

    private interface SpecWork<R> {
        R apply(CandidateSpec spec) throws IOException;
    }
}
