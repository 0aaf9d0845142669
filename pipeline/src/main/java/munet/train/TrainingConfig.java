package munet.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

/**
 * The {@code munet.training} settings: how long and how a candidate trains (see reference.conf).
 * {@code batchesBetweenValidations} is {@link #EPOCH} when a candidate validates once per epoch of
 * its task's training split, as the µ2Net reference does. {@code prefetchBatches} training batches
 * are decoded and augmented ahead on a thread of their own while the engine computes (0: on the
 * training thread).
 */
public record TrainingConfig(
        int batchSize,
        int batchesBetweenValidations,
        int validationsPerTraining,
        int maxValidationExamples,
        int evalBatchSize,
        int threads,
        long frozenCacheBytes,
        int prefetchBatches) {
    public static final String SECTION = "munet.training";
    /** {@code batches-between-validations = epoch}: one pass over the training split between validations. */
    public static final int EPOCH = 0;
    /** The reference caps an "epoch" between validations at this many examples on large datasets. */
    static final int MAX_EXAMPLES_PER_EPOCH = 51_200;

    public TrainingConfig {
        positive("batch-size", batchSize);
        if (batchesBetweenValidations != EPOCH) {
            positive("batches-between-validations", batchesBetweenValidations);
        }
        positive("validations-per-training", validationsPerTraining);
        positive("max-validation-examples", maxValidationExamples);
        positive("eval-batch-size", evalBatchSize);
        positive("threads", threads);
        if (frozenCacheBytes < 0) {
            throw new IllegalArgumentException(SECTION + ".frozen-cache-bytes must be >= 0, got " + frozenCacheBytes);
        }
        if (prefetchBatches < 0) {
            throw new IllegalArgumentException(SECTION + ".prefetch-batches must be >= 0, got " + prefetchBatches);
        }
    }

    /** Reads {@code munet.training} from {@code root} (a full configuration with reference.conf as fallback). */
    public static TrainingConfig from(Config root) {
        try {
            Config c = root.withFallback(ConfigFactory.defaultReference()).getConfig(SECTION);
            return new TrainingConfig(
                    c.getInt("batch-size"),
                    batchesBetweenValidations(c),
                    c.getInt("validations-per-training"),
                    c.getInt("max-validation-examples"),
                    c.getInt("eval-batch-size"),
                    c.getInt("threads"),
                    c.getBytes("frozen-cache-bytes"),
                    c.getInt("prefetch-batches"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid " + SECTION + " configuration: " + e.getMessage(), e);
        }
    }

    /** SGD steps between two validations of a candidate trained on {@code trainExamples} examples. */
    public int stepsBetweenValidations(int trainExamples) {
        if (batchesBetweenValidations != EPOCH) {
            return batchesBetweenValidations;
        }
        return Math.max(1, (Math.min(trainExamples, MAX_EXAMPLES_PER_EPOCH) + batchSize - 1) / batchSize);
    }

    private static int batchesBetweenValidations(Config c) {
        String key = "batches-between-validations";
        if (c.getValue(key).unwrapped() instanceof String text && text.equals("epoch")) {
            return EPOCH;
        }
        try {
            return c.getInt(key);
        } catch (ConfigException.WrongType e) {
            throw new IllegalArgumentException(
                    SECTION + "." + key + " must be a number of batches or \"epoch\", got "
                            + c.getValue(key).render(),
                    e);
        }
    }

    /** The defaults of reference.conf. */
    public static TrainingConfig defaults() {
        return from(ConfigFactory.empty());
    }

    public TrainingConfig withThreads(int newThreads) {
        return new TrainingConfig(
                batchSize,
                batchesBetweenValidations,
                validationsPerTraining,
                maxValidationExamples,
                evalBatchSize,
                newThreads,
                frozenCacheBytes,
                prefetchBatches);
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(SECTION + "." + key + " must be >= 1, got " + value);
        }
    }
}
