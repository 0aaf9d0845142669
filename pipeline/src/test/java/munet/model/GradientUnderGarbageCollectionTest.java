package munet.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A collection between forward and backward must not free anything autograd saved. */
class GradientUnderGarbageCollectionTest {

    @Test
    void encoderBlockGradientsStayFiniteWhenTheCollectorRunsMidStep() {
        TorchRuntime.prepareThread(1);
        try (NDManager model = TorchRuntime.newManager();
                NDManager step = TorchRuntime.newManager()) {
            EncoderBlock block = new EncoderBlock("encoderblock_0", List.of(16, 32, 2));
            block.initialise(model, new Random(3));
            block.arrays().values().forEach(a -> a.setRequiresGradient(true));
            NDArray x = step.randomNormal(new Shape(4, 5, 16));
            JniUtils.setGradMode(true);
            try {
                NDArray loss = block.apply(x).square().mean();
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    new Object[1 << 20].hashCode();
                }
                JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
            } finally {
                JniUtils.setGradMode(false);
            }
            NDArray gradient = block.arrays().get("attention.query.weight").getGradient();
            gradient.attach(step);
            assertFalse(gradient.isNaN().any().getBoolean());
            assertTrue(gradient.abs().sum().getFloat() > 0);
        }
    }
}
