package munet.evolution;

import java.util.Set;
import munet.system.ComponentKind;

/**
 * The evolution knobs of a run. An active-task iteration trains {@code samplesPerTask}
 * candidates in generations of {@code candidatesPerGeneration} (the last one smaller if they do
 * not divide); a baseline policy trains one candidate with the whole budget instead.
 *
 * @param scoreBase the base of the size penalty: 1 ignores size, below 1 favours fewer new parameters
 * @param forceClone component names that are always cloned, never referenced
 * @param adapters whether mutation may insert residual adapters
 */
public record EvolutionSettings(
    int samplesPerTask, int candidatesPerGeneration, double scoreBase, Set<String> forceClone, boolean adapters, Policy policy) {

  public EvolutionSettings {
    if (samplesPerTask < 1 || candidatesPerGeneration < 1) {
      throw new IllegalArgumentException("samples per task (" + samplesPerTask + ") and candidates per generation ("
          + candidatesPerGeneration + ") must be >= 1");
    }
    checkedScoreBase(scoreBase);
    forceClone = Set.copyOf(forceClone);
    forceClone.forEach(ComponentKind::ofName);
  }

  /** The one check of a score base's range, wherever one is given (configuration, bench variants). */
  public static double checkedScoreBase(double scoreBase) {
    if (!(scoreBase > 0 && scoreBase <= 1)) {
      throw new IllegalArgumentException("score base must be in (0, 1], got " + scoreBase);
    }
    return scoreBase;
  }

  public int generations() {
    return policy.evolving() ? (samplesPerTask + candidatesPerGeneration - 1) / candidatesPerGeneration : 1;
  }

  public int candidatesIn(int generation) {
    return policy.evolving()
        ? Math.min(candidatesPerGeneration, samplesPerTask - generation * candidatesPerGeneration)
        : 1;
  }

  /** Training budget of one candidate: a baseline's single candidate gets all the samples' budget. */
  public int budgetScale() {
    return policy.evolving() ? 1 : samplesPerTask;
  }
}
