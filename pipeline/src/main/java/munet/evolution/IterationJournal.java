package munet.evolution;

import java.io.IOException;
import java.util.List;

/**
 * Receives the active task's iteration after every generation, so that the store can save the
 * candidate history and the state a killed job resumes from (at the next generation).
 */
@FunctionalInterface
public interface IterationJournal {

  /** Keeps nothing: for runs that need neither history nor resumption. */
  IterationJournal NONE = (state, specs, results) -> {};

  /** {@code state} is where the iteration stands after the generation whose {@code specs} gave {@code results}. */
  void generationFinished(IterationState state, List<CandidateSpec> specs, List<CandidateResult> results) throws IOException;
}
