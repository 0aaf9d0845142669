package munet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void readsReferenceDefaultsAndOverrides() {
        TrainingConfig defaults = TrainingConfig.defaults();
        assertEquals(1, defaults.threads());
        assertTrue(defaults.batchSize() > 0 && defaults.frozenCacheBytes() > 0);
        TrainingConfig custom =
                TrainingConfig.from(ConfigFactory.parseString("munet.training { batch-size = 8, threads = 2 }"));
        assertEquals(8, custom.batchSize());
        assertEquals(2, custom.threads());
        assertEquals(defaults.validationsPerTraining(), custom.validationsPerTraining());
    }

    @Test
    void rejectsBadValuesNamingTheKey() {
        IllegalArgumentException zero = assertThrows(
                IllegalArgumentException.class,
                () -> TrainingConfig.from(ConfigFactory.parseString("munet.training.threads = 0")));
        assertEquals("munet.training.threads must be >= 1, got 0", zero.getMessage());
        IllegalArgumentException text = assertThrows(
                IllegalArgumentException.class,
                () -> TrainingConfig.from(ConfigFactory.parseString("munet.training.batch-size = many")));
        assertTrue(text.getMessage().contains("batch-size"), text.getMessage());
    }

    @Test
    void epochIntervalIsOnePassOverTheTrainingSplitCappedLikeTheReference() {
        TrainingConfig epoch = TrainingConfig.from(
                ConfigFactory.parseString("munet.training { batch-size = 32, batches-between-validations = epoch }"));
        assertEquals(TrainingConfig.EPOCH, epoch.batchesBetweenValidations());
        assertEquals(19, epoch.stepsBetweenValidations(600));
        assertEquals(1, epoch.stepsBetweenValidations(5));
        assertEquals(51_200 / 32, epoch.stepsBetweenValidations(1_000_000));
        TrainingConfig fixed =
                TrainingConfig.from(ConfigFactory.parseString("munet.training.batches-between-validations = 7"));
        assertEquals(7, fixed.stepsBetweenValidations(600));
        IllegalArgumentException word = assertThrows(
                IllegalArgumentException.class,
                () -> TrainingConfig.from(
                        ConfigFactory.parseString("munet.training.batches-between-validations = weekly")));
        assertTrue(
                word.getMessage().contains("batches-between-validations")
                        && word.getMessage().contains("epoch"),
                word.getMessage());
    }
}
