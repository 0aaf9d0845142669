package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import munet.system.MutationProbabilities;
import munet.system.SystemState;
import munet.system.Task;
import org.junit.jupiter.api.Test;

/**
 * Selection teaches a lineage its mutation probabilities: where training the first encoder block
 * pays, the probability of cloning it rises along the lineages that survive; where sharing it
 * frozen pays, it falls. Every task starts from other tasks' paths, whose block it must clone to
 * train, so each task makes the decision again with what its seed path learned.
 */
class LearnedCloneProbabilityTest {
    private static final String CLONE_BLOCK_0 = MutationProbabilities.clone("encoderblock_0");
    // a coarse grid and mu 1 (every probability that comes up moves a step) make the learning visible in a few tasks
    private static final MutationRates RATES =
            new MutationRates(MutationRates.Mode.LEARNED, List.of(0.1, 0.3, 0.5, 0.7, 0.9), 0.5);
    private static final List<Task> TASKS =
            IntStream.range(0, 10).mapToObj(i -> Fixtures.task("t" + i, false)).toList();

    /** The mean learned probability of cloning block 0 over the final paths of runs with seeds 1 to 4. */
    private static double learnedCloneProbability(boolean cloningPays) throws IOException {
        EvolutionSettings settings =
                new EvolutionSettings(8, 4, 1.0, Set.of("final_norm"), false, Policy.MU2NET, RATES);
        FakeLearner learner = new FakeLearner(spec -> {
            double noise = (spec.seed() >>> 11) * 0x1.0p-53;
            boolean cloned =
                    spec.slots().stream().anyMatch(slot -> slot.name().equals("encoderblock_0") && slot.trainable());
            return 0.5 + 0.05 * noise + (cloned == cloningPays ? 0.3 : 0);
        });
        double sum = 0;
        int count = 0;
        for (long seed = 1; seed <= 4; seed++) {
            EvolutionRun run = new EvolutionRun(
                    settings, Fixtures.space(1.0, List.of(1.0)), 1, learner, IterationJournal.NONE, next -> {});
            SystemState end = run.run(Fixtures.rootSystem(), TASKS, seed);
            for (var path : end.bestPaths().values()) {
                sum += path.mutationProbabilities().of(CLONE_BLOCK_0, RATES.initial());
                count++;
            }
        }
        return sum / count;
    }

    @Test
    void aLineageThatProfitsFromCloningLearnsToCloneAndOneThatProfitsFromSharingLearnsToShare() throws IOException {
        double cloning = learnedCloneProbability(true);
        double sharing = learnedCloneProbability(false);
        // over seeds 1-12 the means were 0.63-0.75 and 0.36-0.45 from 0.5
        assertTrue(cloning > RATES.initial() + 0.08, "cloning pays: " + cloning);
        assertTrue(sharing < RATES.initial() - 0.03, "sharing pays: " + sharing);
    }
}
