package munet.evolution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import munet.system.Path;
import munet.system.SystemState;

/**
 * Parent selection: favour the active task's best paths, and paths that have had few children
 * for it yet; fall back to other tasks' best paths and the root (knowledge transfer); else
 * pick uniformly.
 */
public final class ParentSampler {

    /** The chosen parent and the seed list in its new rotation. */
    public record Pick(Path parent, List<Path> seeds) {}

    private ParentSampler() {}

    /**
     * The seed paths of the active task's iteration: the best path of every other non-private
     * task plus the root paths, shuffled. They are sorted first so that the order does not depend
     * on how the system was stored.
     */
    public static List<Path> seeds(SystemState system, String activeTask, Rng rng) {
        List<Path> seeds = new ArrayList<>();
        system.bestPaths().forEach((task, path) -> {
            if (!task.equals(activeTask) && !system.task(task).isPrivate()) {
                seeds.add(path);
            }
        });
        seeds.sort(Comparator.comparing(Path::task));
        seeds.addAll(system.rootPaths().stream()
                .sorted(Comparator.comparing(Path::id))
                .toList());
        for (int i = seeds.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            seeds.set(i, seeds.set(j, seeds.get(i)));
        }
        return List.copyOf(seeds);
    }

    /**
     * Walks {@code populationBestFirst}, accepting each path with probability {@code 0.5^k} (k =
     * its children for the active task, from {@code offspring}); then the seeds the same way,
     * rotating the seed list past an accepted seed; else picks uniformly over both.
     */
    public static Pick sample(
            List<Path> populationBestFirst, List<Path> seeds, Map<String, Integer> offspring, Rng rng) {
        for (Path path : populationBestFirst) {
            if (accepted(path, offspring, rng)) {
                return new Pick(path, seeds);
            }
        }
        for (int i = 0; i < seeds.size(); i++) {
            if (accepted(seeds.get(i), offspring, rng)) {
                List<Path> rotated = new ArrayList<>(seeds.subList(i + 1, seeds.size()));
                rotated.addAll(seeds.subList(0, i + 1));
                return new Pick(seeds.get(i), List.copyOf(rotated));
            }
        }
        List<Path> all = new ArrayList<>(populationBestFirst);
        all.addAll(seeds);
        if (all.isEmpty()) {
            throw new IllegalStateException("no parent to sample: the population and the seed list are both empty");
        }
        return new Pick(all.get(rng.nextInt(all.size())), seeds);
    }

    private static boolean accepted(Path path, Map<String, Integer> offspring, Rng rng) {
        return rng.chance(Math.pow(0.5, offspring.getOrDefault(path.id(), 0)));
    }
}
