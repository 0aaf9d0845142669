package munet.store;

import java.util.List;
import munet.evolution.CandidateResult;
import munet.system.Hyperparameters;

/** One row of the candidate history: what was tried (the spec's essentials) and what it gave. */
public record CandidateRow(
    String task,
    int pass,
    int generation,
    String parentId,
    List<String> mutations,
    Hyperparameters hparams,
    long seed,
    double scoreFactor,
    double scoreToBeat,
    CandidateResult result) {

  public CandidateRow {
    mutations = List.copyOf(mutations);
  }

  public String candidateId() {
    return result.candidateId();
  }
}
