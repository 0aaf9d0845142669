package munet.jobs;

import java.util.List;
import java.util.TreeMap;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import munet.jobs.spark.ExecutorLearnerFactory;
import munet.jobs.spark.TrainingLearnerFactory;
import org.apache.spark.TaskContext;

/**
 * The real executor learner, except that the first attempt of candidate {@code haltAfter} trains
 * it (writing its blobs to the store), prints the blob ids on the executor's stderr and ends
 * the executor JVM before the result is recorded or returned: an executor lost mid-candidate.
 */
public record HaltingTrainerFactory(TrainingLearnerFactory real, String haltAfter) implements ExecutorLearnerFactory {

    /** Begins the executor-log line that carries the first attempt's blob ids. */
    public static final String WROTE = "first attempt wrote blobs ";

    @Override
    public String key() {
        return real.key() + "/halt-after=" + haltAfter;
    }

    @Override
    public Learner create(int threadsPerTask) {
        Learner learner = real.create(threadsPerTask);
        return new Learner() {
            @Override
            public List<CandidateResult> train(List<CandidateSpec> candidates) {
                CandidateSpec spec = candidates.get(0);
                if (candidates.size() == 1
                        && spec.candidateId().equals(haltAfter)
                        && TaskContext.get().attemptNumber() == 0) {
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
}
