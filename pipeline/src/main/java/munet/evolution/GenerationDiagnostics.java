package munet.evolution;

import java.util.List;

/**
 * What one generation of an active-task iteration did.
 *
 * @param withOwnParent candidates whose parent is a path of the active task, so had its score to beat
 * @param improvedOnOwnParent those of them that beat it
 * @param selected candidates that joined the population (every one with a snapshot whose parent is another task's or the root's)
 * @param trainableComponents components the generation's candidates trained, summed over candidates
 * @param clonedComponents those of them copied from an existing component (the rest start fresh or resampled)
 * @param imagesTrained training images of the generation's candidates together
 */
public record GenerationDiagnostics(
        int generation,
        int candidates,
        int withOwnParent,
        int improvedOnOwnParent,
        int selected,
        int trainableComponents,
        int clonedComponents,
        long imagesTrained) {

    static GenerationDiagnostics of(int generation, List<CandidateSpec> specs, List<CandidateResult> results) {
        int withOwnParent = 0;
        int improvedOnOwnParent = 0;
        int selected = 0;
        int trainable = 0;
        int cloned = 0;
        long images = 0;
        for (int i = 0; i < specs.size(); i++) {
            CandidateSpec spec = specs.get(i);
            CandidateResult result = results.get(i);
            // only a parent of the active task sets a finite score to beat
            boolean ownParent = spec.scoreToBeat() != Double.NEGATIVE_INFINITY;
            withOwnParent += ownParent ? 1 : 0;
            improvedOnOwnParent += ownParent && result.improved() ? 1 : 0;
            selected += result.improved() ? 1 : 0;
            trainable +=
                    (int) spec.slots().stream().filter(ComponentSlot::trainable).count();
            cloned += (int) spec.slots().stream()
                    .filter(slot -> slot.source() instanceof ComponentSlot.Clone)
                    .count();
            images += result.imagesTrained();
        }
        return new GenerationDiagnostics(
                generation, specs.size(), withOwnParent, improvedOnOwnParent, selected, trainable, cloned, images);
    }
}
