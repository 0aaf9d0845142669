package munet.checkpoint;

import munet.model.Tensor;

/**
 * How a checkpoint lays out one of the system's tensors. The system keeps PyTorch's layouts
 * (dense weight [out, in], conv weight [out, in, kh, kw]); JAX stores kernels the other way round.
 */
enum TensorConversion {
    /** The same values in the same order, possibly with other dimensions ([1, 1, h] vs [h], [heads, hd] vs [h]). */
    RESHAPE,
    /** A JAX dense kernel: the values of [in, out] (any leading dims flattened into in, trailing into out). */
    TRANSPOSE,
    /** A JAX conv kernel [kh, kw, in, out] for the system's [out, in, kh, kw]. */
    HWIO;

    Tensor toSystem(Tensor external, long[] systemShape) {
        float[] in = external.data();
        return switch (this) {
            case RESHAPE -> new Tensor(systemShape, in);
            case TRANSPOSE -> new Tensor(systemShape, transpose(in, (int) systemShape[1], (int) systemShape[0]));
            case HWIO -> new Tensor(systemShape, permute(in, systemShape, true));
        };
    }

    Tensor toExternal(Tensor system, long[] externalShape) {
        float[] in = system.data();
        long[] shape = system.shape();
        return switch (this) {
            case RESHAPE -> new Tensor(externalShape, in);
            case TRANSPOSE -> new Tensor(externalShape, transpose(in, (int) shape[0], (int) shape[1]));
            case HWIO -> new Tensor(externalShape, permute(in, shape, false));
        };
    }

    /** The [cols, rows] transpose of a row-major [rows, cols] matrix. */
    private static float[] transpose(float[] in, int rows, int cols) {
        float[] out = new float[in.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
        return out;
    }

    /** [kh, kw, in, out] to [out, in, kh, kw] ({@code toSystem}) or back; {@code systemShape} is [out, in, kh, kw]. */
    private static float[] permute(float[] in, long[] systemShape, boolean toSystem) {
        int outChannels = (int) systemShape[0];
        int inChannels = (int) systemShape[1];
        int kh = (int) systemShape[2];
        int kw = (int) systemShape[3];
        float[] out = new float[in.length];
        for (int o = 0; o < outChannels; o++) {
            for (int i = 0; i < inChannels; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        int system = ((o * inChannels + i) * kh + y) * kw + x;
                        int jax = ((y * kw + x) * inChannels + i) * outChannels + o;
                        if (toSystem) {
                            out[system] = in[jax];
                        } else {
                            out[jax] = in[system];
                        }
                    }
                }
            }
        }
        return out;
    }
}
