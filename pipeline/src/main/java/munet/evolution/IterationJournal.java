package munet.evolution;

import java.io.IOException;
import java.util.List;

/**
 * Receives the active task's iteration after every generation, so that the store can save the
 * candidate history and the state a killed job resumes from (at the next generation), and its
 * diagnostics once the iteration's path is tested, before its version is committed.
 */
@FunctionalInterface
public interface IterationJournal {

    /** Keeps nothing: for runs that need neither history nor resumption. */
    IterationJournal NONE = (state, specs, results) -> {};

    /** {@code state} is where the iteration stands after the generation whose {@code specs} gave {@code results}. */
    void generationFinished(IterationState state, List<CandidateSpec> specs, List<CandidateResult> results)
            throws IOException;

    /** The iteration's diagnostics; a resumed iteration reports them again, the same, if it was killed before its commit. */
    default void iterationFinished(IterationDiagnostics diagnostics) throws IOException {}
}
