package munet.model;

import java.util.Arrays;
import java.util.Random;

/** Initial parameter values drawn from a seeded Java generator, so a fresh component is reproducible. */
final class RandomTensors {
    private RandomTensors() {}

    static Tensor zeros(long... shape) {
        return new Tensor(shape, new float[size(shape)]);
    }

    static Tensor ones(long... shape) {
        float[] data = new float[size(shape)];
        Arrays.fill(data, 1f);
        return new Tensor(shape, data);
    }

    static Tensor normal(Random random, double std, long... shape) {
        float[] data = new float[size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * std);
        }
        return new Tensor(shape, data);
    }

    /** Glorot uniform for a dense weight of shape [out, in] (or a conv kernel with these fan sizes). */
    static Tensor xavier(Random random, long fanIn, long fanOut, long... shape) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] data = new float[size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return new Tensor(shape, data);
    }

    private static int size(long[] shape) {
        return Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
    }
}
