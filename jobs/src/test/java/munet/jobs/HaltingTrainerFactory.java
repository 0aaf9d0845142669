package munet.jobs;

import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import munet.jobs.spark.ExecutorLearnerFactory;
import munet.jobs.spark.TrainingLearnerFactory;
import org.apache.spark.TaskContext;

/**
 * The real executor learner, except for the first attempt of candidate {@code candidate}: it
 * trains it (writing its blobs to the store), prints the blob ids on the executor's stderr and
 * ends the executor JVM before the result is recorded or returned (an executor lost
 * mid-candidate); or, if {@code stall}, it prints {@link #STALLED} and blocks before training, so
 * that a test kills the worker whose executor it is mid-generation.
 */
public record HaltingTrainerFactory(TrainingLearnerFactory real, String candidate, boolean stall)
        implements ExecutorLearnerFactory {

    /** Begins the executor-log line that carries the first attempt's blob ids. */
    public static final String WROTE = "first attempt wrote blobs ";
    /** Begins the executor-log line of a first attempt that blocks until its JVM dies. */
    public static final String STALLED = "first attempt stalls ";

    @Override
    public String key() {
        return real.key() + "/" + (stall ? "stall" : "halt-after") + "=" + candidate;
    }

    @Override
    public Learner create(int threadsPerTask) {
        Learner learner = real.create(threadsPerTask);
        return new Learner() {
            @Override
            public List<CandidateResult> train(List<CandidateSpec> candidates) {
                CandidateSpec spec = candidates.get(0);
                if (candidates.size() == 1
                        && spec.candidateId().equals(candidate)
                        && TaskContext.get().attemptNumber() == 0) {
                    if (stall) {
                        stallForever(spec);
                    }
                    CandidateResult result = real.trainer(real.store(), threadsPerTask)
                            .train(candidates)
                            .get(0);
                    System.err.println(WROTE + spec.candidateId() + " " + new TreeMap<>(result.newComponentIds())
                            + " in " + TrainingLearnerFactory.executorName());
                    System.err.flush();
                    Runtime.getRuntime().halt(HashLearner.HALT_STATUS);
                }
                return learner.train(candidates);
            }

            @Override
            public List<TestResult> test(List<CandidateSpec> paths) {
                return learner.test(paths);
            }
        };
    }

    private static void stallForever(CandidateSpec spec) {
        System.err.println(STALLED + spec.candidateId() + " in " + TrainingLearnerFactory.executorName());
        System.err.flush();
        try {
            new CountDownLatch(1).await(); // until the test kills this executor's worker
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stalled candidate " + spec.candidateId() + " interrupted", e);
        }
    }
}
