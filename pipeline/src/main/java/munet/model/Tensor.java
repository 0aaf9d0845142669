package munet.model;

import java.util.Arrays;

/** A float32 tensor held on the Java heap: what blobs and snapshots carry between engine runs. */
public record Tensor(long[] shape, float[] data) {

    public Tensor {
        shape = shape.clone();
        long size = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in tensor shape " + Arrays.toString(shape));
            }
            size *= dim;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "tensor of shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
