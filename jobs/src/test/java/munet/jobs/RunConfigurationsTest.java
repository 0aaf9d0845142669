package munet.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import munet.config.BenchSettings;
import munet.config.InitSettings;
import munet.config.RunConfig;
import munet.data.ImportOptions;
import munet.data.ParquetExampleSource;
import munet.data.benchmark.BenchmarkSuite;
import munet.store.StoreSettings;
import munet.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped run configurations are read by every part that reads a run configuration. */
class RunConfigurationsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "quickstart.conf",
                "cluster.conf",
                "bench.conf",
                "bench-192.conf",
                "bench-heldout.conf",
                "bench-plateau.conf",
                "bench-sweep.conf",
                "experiments/plateau-long-candidates.conf",
                "experiments/plateau-large-validation.conf",
                "experiments/plateau-no-hparam-moves.conf"
            })
    void everyPartAcceptsTheShippedConfiguration(String name) {
        Path file = Path.of("..", "conf", name);
        Config config = RunConfigFile.load(file.toString());
        RunConfig run = RunConfig.from(config);
        TrainingConfig.from(config);
        StoreSettings.fromConfig(config);
        ImportOptions.fromConfig(config, false);
        ParquetExampleSource.fromConfig(config);
        BenchSettings.from(config);
        assertFalse(run.tasks().isEmpty(), name + " names tasks to evolve");
        assertFalse(config.getString("munet.store.uri").isBlank(), name + " names a store");
        List<String> benchmark = BenchmarkSuite.fromConfig(config).tasks().stream()
                .map(t -> t.name())
                .toList();
        assertEquals(
                List.of(),
                run.tasks().stream()
                        .map(t -> t.name())
                        .filter(t -> !benchmark.contains(t))
                        .toList(),
                name + ": every task is one generate-benchmark renders");
    }

    /** The quickstart runs what the README says it runs (its figures are computed from these values). */
    @Test
    void theQuickstartConfigurationHoldsTheValuesTheReadmeDescribes() {
        Config config =
                RunConfigFile.load(Path.of("..", "conf", "quickstart.conf").toString());
        RunConfig run = RunConfig.from(config);
        assertEquals(1, run.seed());
        assertEquals(
                List.of("latin-digits", "greek-upper", "cyrillic-upper", "greek-lower"),
                run.tasks().stream().map(t -> t.name()).toList());
        InitSettings init = InitSettings.from(config);
        assertTrue(init.pretrain(), "munet.init.root = pretrain");
        assertTrue(init.pretrainDataset().endsWith("latin-letters"), init.pretrainDataset());
        TrainingConfig training = TrainingConfig.from(config);
        int stepsPerCandidate = training.batchesBetweenValidations() * training.validationsPerTraining();
        assertEquals(8_000, init.pretrainBudgetScale() * stepsPerCandidate, "root: 8,000 steps");
        assertEquals(32, training.batchSize(), "of 32");
        assertEquals(12, run.evolution().samplesPerTask(), "12 candidates per task");
        assertEquals(3_200, stepsPerCandidate * training.batchSize(), "of 3,200 images each");
        assertEquals(
                52,
                BenchmarkSuite.fromConfig(config).tasks().stream()
                        .filter(t -> t.name().equals("latin-letters"))
                        .findFirst()
                        .orElseThrow()
                        .classNames()
                        .size(),
                "all Latin letters, 52 classes");
    }

    /** The plateau comparison starts from the one root of bench.conf: same store, same pretraining source. */
    @Test
    void thePlateauBenchmarkSharesTheRootAndLengthensTheLineages() {
        Config bench = RunConfigFile.load(Path.of("..", "conf", "bench.conf").toString());
        Config plateau =
                RunConfigFile.load(Path.of("..", "conf", "bench-plateau.conf").toString());
        for (String key :
                List.of("munet.store.uri", "munet.init", "munet.model", "munet.data.benchmark.tasks.latin-letters")) {
            assertEquals(bench.getValue(key), plateau.getValue(key), key);
        }
        assertEquals(20, plateau.getInt("munet.data.benchmark.task-defaults.examples-per-class.train"));
        assertEquals(
                2 * bench.getInt("munet.evolution.samples-per-task"),
                plateau.getInt("munet.evolution.samples-per-task"));
    }

    /**
     * The longer-candidates attempt changes the candidates' length and count but neither baseline budget:
     * its longest lineage and its total, in epochs per task, are the plateau benchmark's.
     */
    @Test
    void theLongerCandidatesAttemptKeepsBothBaselineBudgets() {
        Config plateau =
                RunConfigFile.load(Path.of("..", "conf", "bench-plateau.conf").toString());
        Config longer = RunConfigFile.load(Path.of("..", "conf", "experiments", "plateau-long-candidates.conf")
                .toString());
        assertEquals(2 * epochsPerCandidate(plateau), epochsPerCandidate(longer));
        assertEquals(epochsPerTask(plateau, 1), epochsPerTask(longer, 1), "total");
        int perGeneration = plateau.getInt("munet.evolution.candidates-per-generation");
        assertEquals(perGeneration, longer.getInt("munet.evolution.candidates-per-generation"));
        assertEquals(epochsPerTask(plateau, perGeneration), epochsPerTask(longer, perGeneration), "longest lineage");
    }

    private static int epochsPerCandidate(Config config) {
        assertEquals("epoch", config.getString("munet.training.batches-between-validations"));
        return config.getInt("munet.training.validations-per-training");
    }

    /** Epochs per task over candidates, or along the longest lineage when candidates train in generations. */
    private static int epochsPerTask(Config config, int candidatesPerGeneration) {
        return config.getInt("munet.evolution.samples-per-task") / candidatesPerGeneration * epochsPerCandidate(config);
    }

    /** As the README says: --config over the defaults, -D over both. */
    @Test
    void systemPropertiesOverrideTheFileAndABadFileIsNamed(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("run.conf"), "munet.run { seed = 5, task-iterations = 3 }");
        System.setProperty("munet.run.seed", "9");
        try {
            Config config = RunConfigFile.load(file.toString());
            assertEquals(9, config.getLong("munet.run.seed"));
            assertEquals(3, config.getInt("munet.run.task-iterations"));
        } finally {
            System.clearProperty("munet.run.seed");
            ConfigFactory.invalidateCaches();
        }
        UserError missing = assertThrows(
                UserError.class,
                () -> RunConfigFile.load(dir.resolve("missing.conf").toString()));
        assertTrue(missing.getMessage().contains("missing.conf"), missing.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.conf"), "munet.run { seed = ");
        UserError bad = assertThrows(UserError.class, () -> RunConfigFile.load(broken.toString()));
        assertTrue(bad.getMessage().contains("broken.conf"), bad.getMessage());
    }
}
