package munet.store;

import java.util.List;
import munet.evolution.CandidateResult;
import munet.system.Hyperparameters;
import munet.system.MutationProbabilities;

/**
 * One row of the candidate history: what was tried (the spec's essentials, with the mutation
 * probabilities the child decided with, empty unless the run learns them) and what it gave.
 */
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
        MutationProbabilities mutationProbabilities,
        CandidateResult result) {

    public CandidateRow {
        mutations = List.copyOf(mutations);
    }

    public String candidateId() {
        return result.candidateId();
    }
}
