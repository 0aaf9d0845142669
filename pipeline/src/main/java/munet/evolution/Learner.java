package munet.evolution;

import java.util.List;

/**
 * The line between evolution and the engine. The evolution core plans candidates and selects;
 * a learner trains and tests them (in-process, on Spark executors, or a fake in unit tests).
 */
public interface Learner {

    /** Trains one generation; results come back in the order of {@code candidates}. */
    List<CandidateResult> train(List<CandidateSpec> candidates);

    /**
     * Test-split accuracy of each path (given as specs whose slots are all {@link
     * ComponentSlot.Frozen}); results in the order given.
     */
    List<TestResult> test(List<CandidateSpec> paths);
}
