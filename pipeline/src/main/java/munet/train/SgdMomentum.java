package munet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import munet.model.PathModel;

/**
 * SGD with momentum (PyTorch's form: v = m v + g; step = v, or g + m v with Nesterov) after
 * clipping the gradients to a global norm of 1. Runs with grad mode off, updates parameters and
 * momentum buffers in place, then zeroes the gradients.
 */
final class SgdMomentum {
    private static final double MAX_NORM = 1.0;
    private final float momentum;
    private final boolean nesterov;

    SgdMomentum(double momentum, boolean nesterov) {
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("hyperparameter opt_momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
    }

    /** One update at learning rate {@code lr}; temporaries go to {@code step}. Returns the gradient norm before clipping. */
    double step(List<PathModel.Trainable> trainables, double lr, NDManager step) {
        List<NDArray> parameters = new ArrayList<>();
        List<NDArray> gradients = new ArrayList<>();
        List<NDArray> buffers = new ArrayList<>();
        NDList squares = new NDList();
        for (PathModel.Trainable trainable : trainables) {
            for (Map.Entry<String, NDArray> entry : trainable.block().arrays().entrySet()) {
                NDArray gradient = onto(entry.getValue().getGradient(), step);
                squares.add(gradient.square().sum());
                parameters.add(entry.getValue());
                gradients.add(gradient);
                buffers.add(trainable.momentum().get(entry.getKey()));
            }
        }
        // one reduction and one read for the global norm, not one per parameter
        double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
        float scale = (float) (norm > MAX_NORM ? MAX_NORM / norm : 1.0);
        // scalars made on the step's manager: in-place ops would otherwise create them on the model's
        NDArray momentumScalar = step.full(new Shape(), momentum);
        NDArray lrScalar = step.full(new Shape(), (float) lr);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray gradient = scale < 1 ? gradients.get(i).mul(scale) : gradients.get(i);
            NDArray buffer = buffers.get(i);
            buffer.muli(momentumScalar).addi(gradient);
            NDArray direction = nesterov ? gradient.add(onto(buffer.mul(momentumScalar), step)) : buffer;
            parameters.get(i).subi(onto(direction.mul(lrScalar), step));
            JniUtils.zeroGrad((PtNDArray) parameters.get(i));
        }
        return norm;
    }

    /** Ops whose first operand is a parameter or buffer land on the model's manager: move them to the step's. */
    private static NDArray onto(NDArray temporary, NDManager step) {
        temporary.attach(step);
        return temporary;
    }
}
