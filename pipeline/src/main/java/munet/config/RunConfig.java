package munet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.List;
import munet.evolution.EvolutionSettings;
import munet.evolution.MutationRates;
import munet.evolution.Policy;
import munet.evolution.RootSystem;
import munet.system.ComponentKind;
import munet.system.Hyperparameter;
import munet.system.HyperparameterSpace;
import munet.system.Hyperparameters;

/**
 * A run's configuration: {@code munet.run}, {@code munet.tasks}, {@code munet.evolution},
 * {@code munet.hparams} and {@code munet.model}, read from the pipeline's reference.conf,
 * overridden by the run's .conf file, overridden by {@code -D} system properties. Every invalid
 * value fails at load with an IllegalArgumentException naming its key.
 */
public record RunConfig(
        long seed,
        int taskIterations,
        int concurrentTasks,
        List<TaskEntry> tasks,
        EvolutionSettings evolution,
        HyperparameterSpace hparams,
        ModelConfig model) {

    public RunConfig {
        tasks = List.copyOf(tasks);
    }

    /** reference.conf overridden by system properties (the application.conf on the classpath, if any, in between). */
    public static RunConfig load() {
        ConfigFactory.invalidateCaches();
        return from(ConfigFactory.load());
    }

    public static RunConfig load(java.nio.file.Path runConf) throws IOException {
        return from(layered(runConf));
    }

    /** The whole layered configuration of a run, for the sections other packages read. */
    public static Config layered(java.nio.file.Path runConf) throws IOException {
        if (!Files.isRegularFile(runConf)) {
            throw new NoSuchFileException(runConf.toString(), null, "run configuration not found");
        }
        ConfigFactory.invalidateCaches();
        try {
            Config file = ConfigFactory.parseFile(
                    runConf.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            Config layered = ConfigFactory.load(file);
            KnownKeys.check(file.resolveWith(layered), runConf.toString());
            return layered;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid run configuration " + runConf + ": " + e.getMessage(), e);
        }
    }

    public static RunConfig from(Config config) {
        try {
            ModelConfig model = ModelConfig.parse(config);
            return new RunConfig(
                    config.getLong("munet.run.seed"),
                    ConfigChecks.atLeast(config, "munet.run.task-iterations", 1),
                    ConfigChecks.atLeast(config, "munet.run.concurrent-tasks", 1),
                    TaskEntry.parseAll(config),
                    evolution(config),
                    HyperparameterConfig.parse(config, model.architecture().patchSize()),
                    model);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    /** The hyperparameters of the root model's path: the defaults at the root's depth and image size. */
    public Hyperparameters rootHyperparameters() {
        return hparams.defaults()
                .with(Hyperparameter.NUM_LAYERS, model.rootLayers())
                .with(Hyperparameter.DS_IMAGE_SIZE, model.imageSize());
    }

    /** The root model this run's {@code init} creates: {@link ModelConfig}'s ViT at the root hyperparameters. */
    public RootSystem rootSystem() {
        return new RootSystem(model.architecture(), model.rootLayers(), rootHyperparameters());
    }

    private static EvolutionSettings evolution(Config config) {
        String at = "munet.evolution.";
        double base = ConfigChecks.at(
                at + "score-base", () -> EvolutionSettings.checkedScoreBase(config.getDouble(at + "score-base")));
        List<String> forceClone = config.getStringList(at + "force-clone");
        forceClone.forEach(name -> ConfigChecks.at(at + "force-clone", () -> ComponentKind.ofName(name)));
        Policy policy = ConfigChecks.at(at + "policy", () -> Policy.parse(config.getString(at + "policy")));
        return new EvolutionSettings(
                ConfigChecks.atLeast(config, at + "samples-per-task", 1),
                ConfigChecks.atLeast(config, at + "candidates-per-generation", 1),
                base,
                new HashSet<>(forceClone),
                config.getBoolean(at + "adapters"),
                policy,
                mutationRates(config),
                ConfigChecks.at(
                        at + "baseline-budget",
                        () -> EvolutionSettings.parseBaselineBudget(config.getString(at + "baseline-budget"))),
                config.getBoolean(at + "shared-batches"));
    }

    private static MutationRates mutationRates(Config config) {
        String at = "munet.evolution.mutation-probabilities";
        String mode = config.getString(at + ".mode");
        List<String> modes = List.of("global", "learned");
        ConfigChecks.require(modes.contains(mode), at + ".mode", "must be one of " + modes + ", got " + mode);
        return ConfigChecks.at(
                at,
                () -> new MutationRates(
                        MutationRates.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)),
                        config.getDoubleList(at + ".grid"),
                        config.getDouble(at + ".initial")));
    }
}
