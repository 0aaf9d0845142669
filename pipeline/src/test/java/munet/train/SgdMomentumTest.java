package munet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Map;
import java.util.Random;
import munet.evolution.ComponentSlot;
import munet.model.ClassToken;
import munet.model.PathModel;
import munet.model.TorchRuntime;
import munet.system.ComponentKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SgdMomentumTest {

    /** Two steps on the loss sum(c * token) with c = [1, 2, 2]: gradient c, norm 3, clipped to c / 3. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void clipsToUnitNormAndAppliesMomentum(boolean nesterov) {
        TorchRuntime.prepareThread(1);
        try (NDManager manager = TorchRuntime.newManager()) {
            ClassToken block = new ClassToken(List.of(3));
            block.initialise(manager, new Random(0));
            NDArray token = block.arrays().get("token");
            token.setRequiresGradient(true);
            NDArray buffer = manager.zeros(token.getShape());
            ComponentSlot slot =
                    new ComponentSlot("class_token", ComponentKind.CLASS_TOKEN, List.of(3), new ComponentSlot.Fresh());
            List<PathModel.Trainable> trainables =
                    List.of(new PathModel.Trainable(slot, block, Map.of("token", buffer)));
            SgdMomentum optimizer = new SgdMomentum(0.9, nesterov);
            float[] c = {1, 2, 2};
            double[] norms = new double[2];
            for (int step = 0; step < 2; step++) {
                try (NDManager temporaries = TorchRuntime.newManager()) {
                    NDArray weights = temporaries.create(c);
                    JniUtils.setGradMode(true);
                    NDArray loss = weights.mul(token).sum();
                    JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
                    JniUtils.setGradMode(false);
                    norms[step] = optimizer.step(trainables, 0.5, temporaries);
                }
            }
            assertEquals(3.0, norms[0], 1e-6);
            assertEquals(3.0, norms[1], 1e-6);
            // plain: v1 = g, v2 = 1.9 g, total step 2.9 g; Nesterov: steps g + 0.9 v: 1.9 g then 2.71 g
            double total = nesterov ? 1.9 + 2.71 : 2.9;
            float[] expected = new float[3];
            for (int i = 0; i < 3; i++) {
                expected[i] = (float) (-0.5 * total * c[i] / 3);
            }
            assertArrayEquals(expected, token.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1.9f / 3, 3.8f / 3, 3.8f / 3}, buffer.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void rejectsMomentumOutsideTheUnitInterval() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new SgdMomentum(1.0, false));
        assertEquals("hyperparameter opt_momentum must be in [0, 1), got 1.0", e.getMessage());
    }
}
