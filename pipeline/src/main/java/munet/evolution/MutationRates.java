package munet.evolution;

import java.util.List;
import munet.system.HyperparameterSpace;
import munet.system.MutationProbabilities;

/**
 * How a child decides whether each mutation action happens (the actions are named by
 * {@link MutationProbabilities}).
 *
 * <p>{@link Mode#GLOBAL} (µ2Net): every action happens with the child's {@code mu}.
 * {@link Mode#LEARNED} (µ3Net): every action has its own probability on {@code grid}, inherited
 * from the parent ({@code initial} where the lineage never met the action). Each time the action
 * comes up, its probability first moves one step up or down the grid with probability {@code mu},
 * and the child keeps the moved value. Selection keeps the children that the move served, so a
 * lineage that profits from, say, cloning the lower blocks comes to clone them more often.
 *
 * @param grid the probabilities a learned one can take, ascending (reference: 0.02 to 0.30 by 0.02)
 * @param initial an action's probability before its lineage learned anything, on the grid
 */
public record MutationRates(Mode mode, List<Double> grid, double initial) {

    /** Whether the child's {@code mu} or a learned probability per action decides. */
    public enum Mode {
        GLOBAL,
        LEARNED
    }

    /** One probability for everything: the path's {@code mu}. */
    public static final MutationRates GLOBAL = new MutationRates(Mode.GLOBAL, List.of(0.1), 0.1);

    /** Whether the action happens, and the child's probabilities after deciding it. */
    public record Decision(boolean happens, MutationProbabilities probabilities) {}

    public MutationRates {
        grid = List.copyOf(grid);
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the grid of mutation probabilities is empty");
        }
        for (int i = 0; i < grid.size(); i++) {
            if (!(grid.get(i) >= 0 && grid.get(i) <= 1) || i > 0 && grid.get(i) <= grid.get(i - 1)) {
                throw new IllegalArgumentException(
                        "the grid of mutation probabilities must ascend within [0, 1], got " + grid);
            }
        }
        if (!grid.contains(initial)) {
            throw new IllegalArgumentException(
                    "the initial mutation probability " + initial + " is not on the grid " + grid);
        }
    }

    /** Decides {@code action} for a child with these {@code probabilities} and rate {@code mu}. */
    public Decision decide(String action, MutationProbabilities probabilities, double mu, Rng rng) {
        if (mode == Mode.GLOBAL) {
            return new Decision(rng.chance(mu), probabilities);
        }
        double probability = nearestOnGrid(probabilities.of(action, initial));
        if (rng.chance(mu)) {
            probability = HyperparameterSpace.step(grid, probability, rng.chance(0.5) ? 1 : -1);
        }
        return new Decision(rng.chance(probability), probabilities.with(action, probability));
    }

    /** A probability learned on another grid (an earlier run's) continues from the nearest value of this one. */
    private double nearestOnGrid(double probability) {
        double nearest = grid.get(0);
        for (double value : grid) {
            if (Math.abs(value - probability) < Math.abs(nearest - probability)) {
                nearest = value;
            }
        }
        return nearest;
    }
}
