package munet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import munet.evolution.EvolutionSettings;
import munet.evolution.MutationRates;
import munet.evolution.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunConfigTest {
    private static final String TASKS =
            "munet.tasks = [{name = digits, dataset = \"file:/d/digits\"}, {name = secret, dataset = \"file:/d/s\", private = true}]\n";

    private static RunConfig parse(String hocon) {
        return RunConfig.from(ConfigFactory.parseString(TASKS + hocon)
                .withFallback(ConfigFactory.defaultReference())
                .resolve());
    }

    @Test
    void readsTheReferenceDefaults() {
        RunConfig config = parse("");
        assertEquals(
                List.of(new TaskEntry("digits", "file:/d/digits", false), new TaskEntry("secret", "file:/d/s", true)),
                config.tasks());
        assertEquals(2, config.taskIterations());
        assertEquals(1, config.concurrentTasks(), "one task iteration at a time unless configured");
        assertEquals(Policy.MU2NET, config.evolution().policy());
        assertEquals(Set.of("final_norm"), config.evolution().forceClone());
        assertEquals(2, config.evolution().generations());
        assertEquals(0.1, config.hparams().defaults().getDouble("mu"));
        assertEquals(List.of("constant", "cosine", "restarts"), config.hparams().allowedValues("opt_lr_schedule"));
        assertEquals(
                List.of(32), config.hparams().allowedValues("ds_image_size"), "image size is fixed unless configured");
        assertEquals(List.of(3), config.hparams().allowedValues("num_layers"), "depth is fixed unless configured");
        assertEquals(EvolutionSettings.TOTAL_BUDGET, config.evolution().baselineBudget());
        assertEquals(0.0001, config.hparams().allowedValues("opt_lr").get(0));
        assertEquals(3, config.rootHyperparameters().getInt("num_layers"));
        assertEquals(64, config.model().architecture().hiddenSize());
        assertEquals(10, config.tasks().get(0).toTask(10).numClasses());
        assertTrue(config.tasks().get(1).toTask(3).isPrivate());
    }

    @Test
    void mutationProbabilitiesAreGlobalByDefaultAndLearnedOnTheReferenceGridWhenAsked() {
        assertEquals(
                MutationRates.Mode.GLOBAL, parse("").evolution().mutationRates().mode());
        MutationRates learned = parse("munet.evolution.mutation-probabilities.mode = learned")
                .evolution()
                .mutationRates();
        assertEquals(MutationRates.Mode.LEARNED, learned.mode());
        assertEquals(0.1, learned.initial());
        assertEquals(15, learned.grid().size());
        assertEquals(0.02, learned.grid().get(0));
        assertEquals(0.3, learned.grid().get(14));
        MutationRates coarse = parse(
                        "munet.evolution.mutation-probabilities { mode = learned, grid = [0.1, 0.5], initial = 0.5 }")
                .evolution()
                .mutationRates();
        assertEquals(new MutationRates(MutationRates.Mode.LEARNED, List.of(0.1, 0.5), 0.5), coarse);
    }

    @Test
    void baselinesAndFixedHyperparametersAreConfigurable() {
        RunConfig config = parse(
                "munet.evolution.policy = \"freeze-bottom:2\"\nmunet.hparams.opt_nesterov = { default = true, allowed = [true] }\n"
                        + "munet.hparams.opt_lr.allowed = [0.01, 1]");
        assertEquals(
                new Policy("freeze-bottom:2", false, 2, 0), config.evolution().policy());
        assertEquals(1, config.evolution().generations());
        assertEquals(8, config.evolution().budgetScale());
        assertEquals(List.of(true), config.hparams().allowedValues("opt_nesterov"));
        assertEquals(
                List.of(0.01, 1.0), config.hparams().allowedValues("opt_lr"), "integers in a real list become reals");
        assertEquals(
                new Policy("adapters:16", false, Integer.MAX_VALUE, 16),
                parse("munet.evolution.policy = \"adapters:16\"").evolution().policy());
    }

    @Test
    void aRunFileOverridesTheReferenceAndSystemPropertiesOverrideTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.conf");
        Files.writeString(file, TASKS + "munet.run { seed = 5, task-iterations = 3 }\n");
        System.setProperty("munet.run.seed", "9");
        // system properties are strings: hyperparameters must still get their own types
        System.setProperty("munet.hparams.opt_lr.default", "0.05");
        System.setProperty("munet.hparams.opt_nesterov.default", "true");
        try {
            RunConfig config = RunConfig.load(file);
            assertEquals(9, config.seed());
            assertEquals(3, config.taskIterations());
            assertEquals(0.05, config.hparams().defaults().get("opt_lr"));
            assertEquals(true, config.hparams().defaults().get("opt_nesterov"));
        } finally {
            System.clearProperty("munet.run.seed");
            System.clearProperty("munet.hparams.opt_lr.default");
            System.clearProperty("munet.hparams.opt_nesterov.default");
        }
        assertEquals(5, RunConfig.load(file).seed());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> RunConfig.load(dir.resolve("missing.conf")));
        Files.writeString(file, "munet.run { seed = ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunConfig.load(file));
        assertTrue(e.getMessage().contains("run.conf"), e.getMessage());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("munet.hparams.opt_lr_schedule.default = linear", "munet.hparams.opt_lr_schedule.default"),
                Arguments.of(
                        "munet.hparams.opt_lr_schedule.allowed = [cosine, step]",
                        "munet.hparams.opt_lr_schedule.allowed[1]"),
                Arguments.of("munet.evolution.policy = greedy", "munet.evolution.policy"),
                Arguments.of("munet.evolution.policy = \"freeze-bottom:x\"", "munet.evolution.policy"),
                Arguments.of("munet.evolution.policy = \"adapters:0\"", "munet.evolution.policy"),
                Arguments.of("munet.hparams.mu.default = -0.1", "munet.hparams.mu.default"),
                Arguments.of("munet.hparams.mu.allowed = [-0.1, 0.1]", "munet.hparams.mu.allowed[0]"),
                Arguments.of("munet.hparams.opt_lr.default = 0.03", "munet.hparams.opt_lr.default"),
                Arguments.of("munet.hparams.num_layers.default = 2.5", "munet.hparams.num_layers.default"),
                Arguments.of("munet.hparams.opt_nesterov.default = 1", "munet.hparams.opt_nesterov.default"),
                Arguments.of("munet.hparams.opt_lr.default = fast", "munet.hparams.opt_lr.default"),
                Arguments.of("munet.hparams.ds_image_size.allowed = [16, 30, 32]", "munet.hparams.ds_image_size"),
                Arguments.of("munet.hparams.learning_rate { default = 1 }", "munet.hparams.learning_rate"),
                Arguments.of("munet.hparams.opt_momentum = 0.9", "munet.hparams.opt_momentum"),
                Arguments.of("munet.tasks = []", "munet.tasks"),
                Arguments.of("munet.tasks = [{name = a}]", "munet.tasks[0]"),
                Arguments.of("munet.tasks = [{name = a, dataset = x, classes = 3}]", "munet.tasks[0].classes"),
                Arguments.of("munet.tasks = [{name = a, dataset = x}, {name = a, dataset = y}]", "munet.tasks[1].name"),
                Arguments.of("munet.tasks = [{name = root, dataset = x}]", "munet.tasks[0].name"),
                Arguments.of("munet.tasks = [{name = a, dataset = x, private = maybe}]", "munet.tasks[0]"),
                Arguments.of("munet.tasks = [a, b]", "munet.tasks[0]"),
                Arguments.of("munet.run.seed = abc", "munet.run.seed"),
                Arguments.of("munet.run.task-iterations = 0", "munet.run.task-iterations"),
                Arguments.of("munet.run.concurrent-tasks = 0", "munet.run.concurrent-tasks"),
                Arguments.of("munet.model.image-size = 30", "munet.model.image-size"),
                Arguments.of("munet.model.heads = 5", "munet.model.heads"),
                Arguments.of("munet.model.patch-size = -4", "munet.model.patch-size"),
                Arguments.of("munet.model.channels = 1", "munet.model.channels"),
                Arguments.of("munet.evolution.samples-per-task = 0", "munet.evolution.samples-per-task"),
                Arguments.of(
                        "munet.evolution.candidates-per-generation = many",
                        "munet.evolution.candidates-per-generation"),
                Arguments.of("munet.evolution.score-base = 1.5", "munet.evolution.score-base"),
                Arguments.of("munet.evolution.force-clone = [finalnorm]", "munet.evolution.force-clone"),
                Arguments.of("munet.evolution.adapters = sometimes", "munet.evolution.adapters"),
                Arguments.of(
                        "munet.evolution.mutation-probabilities.mode = learnt",
                        "munet.evolution.mutation-probabilities.mode"),
                Arguments.of(
                        "munet.evolution.mutation-probabilities.initial = 0.11",
                        "munet.evolution.mutation-probabilities"),
                Arguments.of(
                        "munet.evolution.mutation-probabilities.grid = [0.2, 0.1]",
                        "munet.evolution.mutation-probabilities"),
                Arguments.of(
                        "munet.evolution.mutation-probabilities.grid = [0.1, 2]",
                        "munet.evolution.mutation-probabilities"));
    }

    @Test
    void aMisspeltKeyIsRefusedNamingItAndTheKeysThatExist(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(
                dir.resolve("typo.conf"),
                "munet.evolution { samples-per-taks = 4 }\nmunet.data.benchmark.tasks.mine { characters = \"ab\" }");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunConfig.layered(file));
        assertTrue(
                e.getMessage().startsWith("unknown key munet.evolution.samples-per-taks in run configuration " + file),
                e.getMessage());
        assertTrue(e.getMessage().contains("samples-per-task,"), "the key meant is listed: " + e.getMessage());
        Path open = Files.writeString(
                dir.resolve("own-task.conf"), "munet.data.benchmark.tasks.mine { characters = \"ab\" }");
        RunConfig.layered(open); // benchmark task names are the user's own
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidValuesFailNamingTheirKey(String hocon, String path) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(hocon));
        assertTrue(e.getMessage().contains(path), e.getMessage());
        assertFalse(e.getMessage().contains(path + "x"), e.getMessage());
    }
}
