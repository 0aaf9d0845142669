package munet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constantIsHalfTheLearningRate() {
        LearningRateSchedule schedule = new LearningRateSchedule("constant", 0.2, 0.1, 100, 1);
        assertEquals(0.1, schedule.at(0), 1e-12);
        assertEquals(0.1, schedule.at(99), 1e-12);
    }

    @Test
    void cosineWarmsUpLinearlyFromAHundredthThenDecays() {
        LearningRateSchedule schedule = new LearningRateSchedule("cosine", 1.0, 0.1, 100, 2);
        assertEquals(0.01, schedule.at(0), 1e-12);
        assertEquals(0.01 + 0.99 * 5 / 10, schedule.at(5), 1e-12);
        assertEquals(1.0, schedule.at(10), 1e-12);
        assertEquals(0.5, schedule.at(55), 1e-12);
        assertTrue(schedule.at(99) < 0.001);
    }

    @Test
    void restartsRepeatTheCycleOncePerValidation() {
        LearningRateSchedule restarts = new LearningRateSchedule("restarts", 1.0, 0.0, 40, 4);
        LearningRateSchedule cycle = new LearningRateSchedule("cosine", 1.0, 0.0, 10, 1);
        for (int step = 0; step < 40; step++) {
            assertEquals(cycle.at(step % 10), restarts.at(step), 1e-12);
        }
        assertEquals(1.0, restarts.at(30), 1e-12);
    }

    @Test
    void rejectsAnUnknownScheduleNamingTheHyperparameter() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule("linear", 1, 0, 10, 1));
        assertEquals(
                "hyperparameter opt_lr_schedule must be constant, cosine or restarts, got 'linear'", e.getMessage());
    }
}
