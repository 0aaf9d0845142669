package munet.evolution;

import java.util.List;
import java.util.Map;

/**
 * What training one candidate produced. {@code improved} means some validation reached the
 * spec's score to beat and a snapshot was kept: then {@code newComponentIds} maps each trainable
 * slot's name to the content id of its snapshot blob (already written to the store), and
 * {@code bestQuality}/{@code bestScore} describe that snapshot.
 */
public record CandidateResult(
        String candidateId,
        List<Validation> validations,
        boolean improved,
        double bestQuality,
        double bestScore,
        Map<String, String> newComponentIds,
        Map<String, Long> newComponentParams,
        long trainableParams,
        long totalParams,
        long imagesTrained,
        Map<String, Double> seconds,
        String executor)
        implements java.io.Serializable {

    public CandidateResult {
        validations = List.copyOf(validations);
        newComponentIds = Map.copyOf(newComponentIds);
        newComponentParams = Map.copyOf(newComponentParams);
        seconds = Map.copyOf(seconds);
    }

    /** Seconds of every phase together (load, train, validate, write). */
    public double totalSeconds() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** One validation during training: after {@code step} batches, accuracy and score. */
    public record Validation(int step, double quality, double score) implements java.io.Serializable {}
}
