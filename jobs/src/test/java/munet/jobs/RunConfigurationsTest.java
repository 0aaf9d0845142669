package munet.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import munet.config.RunConfig;
import munet.data.ImportOptions;
import munet.data.ParquetExampleSource;
import munet.data.benchmark.BenchmarkSuite;
import munet.store.StoreSettings;
import munet.train.TrainingConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped run configurations are read by every part that reads a run configuration. */
class RunConfigurationsTest {

  @ParameterizedTest
  @ValueSource(strings = {"quickstart.conf", "cluster.conf"})
  void everyPartAcceptsTheShippedConfiguration(String name) {
    Path file = Path.of("..", "conf", name);
    Config config = RunConfigFile.load(file.toString());
    RunConfig run = RunConfig.from(config);
    TrainingConfig.from(config);
    StoreSettings.fromConfig(config);
    ImportOptions.fromConfig(config, false);
    ParquetExampleSource.fromConfig(config);
    assertFalse(run.tasks().isEmpty(), name + " names tasks to evolve");
    assertFalse(config.getString("munet.store.uri").isBlank(), name + " names a store");
    List<String> benchmark = BenchmarkSuite.fromConfig(config).tasks().stream().map(t -> t.name()).toList();
    assertEquals(List.of(), run.tasks().stream().map(t -> t.name()).filter(t -> !benchmark.contains(t)).toList(),
        name + ": every task is one generate-benchmark renders");
  }
}
