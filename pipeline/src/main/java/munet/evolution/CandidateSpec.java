package munet.evolution;

import java.util.List;
import munet.system.Hyperparameters;
import munet.system.Task;

/**
 * Everything a learner needs to train one candidate, and nothing of the system around it: small
 * enough to ship to an executor. {@code scoreFactor} is {@code base ^ (accounted / root params)},
 * so the learner scores a validation as {@code quality * scoreFactor}; a snapshot is kept
 * whenever that is {@code >= scoreToBeat} and the best so far.
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
    double scoreToBeat) {

  public CandidateSpec {
    slots = List.copyOf(slots);
    mutations = List.copyOf(mutations);
  }

  public List<String> componentNames() {
    return slots.stream().map(ComponentSlot::name).toList();
  }
}
