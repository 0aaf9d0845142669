package munet.train;

import java.util.Map;
import java.util.function.Supplier;
import munet.evolution.CandidateResult.Validation;
import munet.model.ComponentState;

/**
 * The selection rule within one training: after a validation, take a snapshot of the trainable
 * components whenever its score is >= the spec's score to beat and >= every score kept before.
 */
final class SnapshotKeeper {
    private double threshold;
    private Map<String, ComponentState> snapshot;
    private Validation kept;
    private Validation bestSeen;

    SnapshotKeeper(double scoreToBeat) {
        this.threshold = scoreToBeat;
    }

    /** Records a validation; calls {@code take} (only) when the rule keeps a snapshot. Returns whether it did. */
    boolean offer(Validation validation, Supplier<Map<String, ComponentState>> take) {
        if (bestSeen == null || validation.score() > bestSeen.score()) {
            bestSeen = validation;
        }
        if (validation.score() >= threshold) {
            threshold = validation.score();
            snapshot = take.get();
            kept = validation;
            return true;
        }
        return false;
    }

    boolean improved() {
        return kept != null;
    }

    /** The kept snapshot's trainable component states by slot name (empty if none was kept). */
    Map<String, ComponentState> snapshot() {
        return snapshot == null ? Map.of() : snapshot;
    }

    /** The kept validation; without one, the best seen (so the history still shows how far the candidate got). */
    Validation best() {
        return kept != null ? kept : bestSeen;
    }
}
