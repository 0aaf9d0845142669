package munet.evolution;

import java.util.List;
import munet.system.Hyperparameters;
import munet.system.Task;

/**
 * Everything a learner needs to train one candidate, and nothing of the system around it: small
 * enough to ship to an executor. {@code scoreFactor} is {@code base ^ (accounted / root params)},
 * so the learner scores a validation as {@code quality * scoreFactor}; a snapshot is kept
 * whenever that is {@code >= scoreToBeat} and the best so far. {@code budgetScale} multiplies
 * the configured training steps: 1 for evolved candidates; a baseline that trains one candidate
 * per task gets the evolutionary run's whole per-task budget this way.
 */
public record CandidateSpec(
    String candidateId,
    Task task,
    int pass,
    int generation,
    String parentId,
    List<ComponentSlot> slots,
    Hyperparameters hparams,
    List<String> mutations,
    long seed,
    double scoreFactor,
    double scoreToBeat,
    int budgetScale) implements java.io.Serializable {

  public CandidateSpec {
    if (budgetScale < 1) {
      throw new IllegalArgumentException("budget scale must be >= 1, got " + budgetScale);
    }
    slots = List.copyOf(slots);
    mutations = List.copyOf(mutations);
  }

  public List<String> componentNames() {
    return slots.stream().map(ComponentSlot::name).toList();
  }
}
