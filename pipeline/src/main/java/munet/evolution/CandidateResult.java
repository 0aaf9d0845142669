package munet.evolution;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /**
     * {@code results}, trained in whatever order and grouping, in the order of {@code specs}: what
     * {@link Learner#train} returns.
     */
    public static List<CandidateResult> inOrderOf(List<CandidateSpec> specs, Collection<CandidateResult> results) {
        Map<String, CandidateResult> byId = new HashMap<>();
        results.forEach(result -> byId.put(result.candidateId(), result));
        return specs.stream()
                .map(spec -> Objects.requireNonNull(
                        byId.get(spec.candidateId()), () -> "no result for candidate " + spec.candidateId()))
                .toList();
    }

    /** One validation during training: after {@code step} batches, accuracy and score. */
    public record Validation(int step, double quality, double score) implements java.io.Serializable {}
}
