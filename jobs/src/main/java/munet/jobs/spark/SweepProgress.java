package munet.jobs.spark;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.IterationDiagnostics;
import munet.evolution.IterationJournal;
import munet.evolution.IterationState;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job-level progress of a concurrent sweep: task iterations committed of the sweep's total,
 * candidates training now, and an ETA from the generations this job finished so far. Logged after
 * every generation and commit, and put before every Spark job's description.
 */
final class SweepProgress {
    private static final Logger LOG = LoggerFactory.getLogger(SweepProgress.class);

    private final int iterations;
    private final AtomicInteger committed;
    private final AtomicInteger training = new AtomicInteger();
    private final AtomicInteger generationsDone = new AtomicInteger();
    private final long generationsToRun;
    private final long started = System.nanoTime();

    SweepProgress(int iterations, int committed, int generationsPerIteration) {
        this.iterations = iterations;
        this.committed = new AtomicInteger(committed);
        this.generationsToRun = (long) (iterations - committed) * generationsPerIteration;
    }

    /** E.g. {@code sweep: 3/8 task iterations committed, 8 candidates training, ETA 4m10s}. */
    String line() {
        int done = generationsDone.get();
        String eta = done == 0
                ? "-"
                : GenerationProgress.clock(
                        Duration.ofNanos((System.nanoTime() - started) / done * Math.max(0, generationsToRun - done)));
        return String.format(
                Locale.ROOT,
                "sweep: %d/%d task iterations committed, %d candidates training, ETA %s",
                committed.get(),
                iterations,
                training.get(),
                eta);
    }

    void committed() {
        committed.incrementAndGet();
        LOG.info(line());
    }

    /** {@code learner}, counting the candidates it trains while it trains them. */
    Learner counting(Learner learner) {
        return new Learner() {
            @Override
            public List<CandidateResult> train(List<CandidateSpec> candidates) {
                training.addAndGet(candidates.size());
                try {
                    return learner.train(candidates);
                } finally {
                    training.addAndGet(-candidates.size());
                }
            }

            @Override
            public List<TestResult> test(List<CandidateSpec> paths) {
                return learner.test(paths);
            }
        };
    }

    /** {@code journal}, then the sweep's line after each generation. */
    IterationJournal reporting(IterationJournal journal) {
        return new IterationJournal() {
            @Override
            public void generationFinished(
                    IterationState state, List<CandidateSpec> specs, List<CandidateResult> results) throws IOException {
                journal.generationFinished(state, specs, results);
                generationsDone.incrementAndGet();
                LOG.info(line());
            }

            @Override
            public void iterationFinished(IterationDiagnostics diagnostics) throws IOException {
                journal.iterationFinished(diagnostics);
            }
        };
    }
}
