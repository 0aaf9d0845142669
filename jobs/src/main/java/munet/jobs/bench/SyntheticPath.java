package munet.jobs.bench;

import java.util.List;
import java.util.Set;
import munet.system.ComponentNames;
import munet.system.Path;

/**
 * The path of a task that a bench makes up instead of evolving it: the root path's components
 * and hyperparameters, with the task owning its own top encoder block, final norm and head and
 * sharing the rest with the root (the benches measure what such tasks cost the system, not how
 * well they learn).
 */
final class SyntheticPath {
    private SyntheticPath() {}

    /** The names of the components a made-up task owns on {@code root}: its top block, final norm and head. */
    static Set<String> ownedNames(Path root) {
        int blocks = (int) root.componentNames().stream()
                .filter(n -> n.startsWith(ComponentNames.ENCODER_BLOCK_PREFIX))
                .count();
        return Set.of(ComponentNames.encoderBlock(blocks - 1), ComponentNames.FINAL_NORM, ComponentNames.HEAD);
    }

    /**
     * {@code task}'s untested path: the components {@code componentIds} (one per name of {@code
     * root}, in its order), the root's hyperparameters, the root as parent.
     */
    static Path of(String task, Path root, List<String> componentIds, double quality) {
        return Path.untested(
                task + "-path", task, componentIds, root.componentNames(), root.hparams(), root.id(), quality);
    }
}
