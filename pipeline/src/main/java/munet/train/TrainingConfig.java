package munet.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

/** The {@code munet.training} settings: how long and how a candidate trains (see reference.conf). */
public record TrainingConfig(
    int batchSize,
    int batchesBetweenValidations,
    int validationsPerTraining,
    int maxValidationExamples,
    int evalBatchSize,
    int threads,
    long frozenCacheBytes) {
  public static final String SECTION = "munet.training";

  public TrainingConfig {
    positive("batch-size", batchSize);
    positive("batches-between-validations", batchesBetweenValidations);
    positive("validations-per-training", validationsPerTraining);
    positive("max-validation-examples", maxValidationExamples);
    positive("eval-batch-size", evalBatchSize);
    positive("threads", threads);
    if (frozenCacheBytes < 0) {
      throw new IllegalArgumentException(SECTION + ".frozen-cache-bytes must be >= 0, got " + frozenCacheBytes);
    }
  }

  /** Reads {@code munet.training} from {@code root} (a full configuration with reference.conf as fallback). */
  public static TrainingConfig from(Config root) {
    try {
      Config c = root.withFallback(ConfigFactory.defaultReference()).getConfig(SECTION);
      return new TrainingConfig(c.getInt("batch-size"), c.getInt("batches-between-validations"),
          c.getInt("validations-per-training"), c.getInt("max-validation-examples"), c.getInt("eval-batch-size"),
          c.getInt("threads"), c.getBytes("frozen-cache-bytes"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid " + SECTION + " configuration: " + e.getMessage(), e);
    }
  }

  /** The defaults of reference.conf. */
  public static TrainingConfig defaults() {
    return from(ConfigFactory.empty());
  }

  public TrainingConfig withThreads(int newThreads) {
    return new TrainingConfig(batchSize, batchesBetweenValidations, validationsPerTraining, maxValidationExamples,
        evalBatchSize, newThreads, frozenCacheBytes);
  }

  private static void positive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(SECTION + "." + key + " must be >= 1, got " + value);
    }
  }
}
