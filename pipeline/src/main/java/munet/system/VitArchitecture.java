package munet.system;

import java.util.List;

/**
 * The fixed dimensions of the system's Vision Transformer, shared by every path. Paths differ in
 * depth, adapters, image size and head; this class says what shape each component must have and
 * how many parameters that shape holds, so that evolution can match and account components
 * without knowing the engine.
 *
 * <p>Shapes, as matched by component assembly: patch embedding {@code [patch, patch, channels,
 * hidden]}; class token and final norm {@code [hidden]}; position embedding {@code [tokens,
 * hidden]} with tokens = (imageSize / patch)^2 + 1; encoder block {@code [hidden, mlpDim, heads]};
 * adapter {@code [hidden, adapterDim]}; head {@code [hidden, classes]}.
 *
 * <p>{@code normalisation} is how every path's input is scaled; null (an architecture stored
 * before it was recorded) means {@link InputNormalisation#SIGNED}, what those systems used.
 */
public record VitArchitecture(
        int hiddenSize, int mlpDim, int numHeads, int patchSize, int channels, InputNormalisation normalisation) {

    /** Every image is decoded as RGB (grayscale and palette images too), so every model takes 3 channels. */
    public static final int RGB_CHANNELS = 3;

    /** The architecture of a system whose input is scaled to [-1, 1]. */
    public VitArchitecture(int hiddenSize, int mlpDim, int numHeads, int patchSize, int channels) {
        this(hiddenSize, mlpDim, numHeads, patchSize, channels, InputNormalisation.SIGNED);
    }

    public VitArchitecture {
        if (normalisation == null) {
            normalisation = InputNormalisation.SIGNED;
        }
        if (hiddenSize <= 0 || mlpDim <= 0 || numHeads <= 0 || patchSize <= 0 || channels <= 0) {
            throw new IllegalArgumentException("ViT dimensions must be positive: " + this);
        }
        if (channels != RGB_CHANNELS) {
            throw new IllegalArgumentException("the model takes " + channels
                    + " input channels, but munet decodes every image as RGB: only 3 channels are supported");
        }
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException(
                    "hidden size " + hiddenSize + " is not divisible by the number of heads " + numHeads);
        }
    }

    public VitArchitecture withNormalisation(InputNormalisation newNormalisation) {
        return new VitArchitecture(hiddenSize, mlpDim, numHeads, patchSize, channels, newNormalisation);
    }

    /** The shape a component with this name needs in a path of the given image size, adapter width and classes. */
    public List<Integer> shapeOf(String name, int imageSize, int adapterDim, int numClasses) {
        return switch (ComponentKind.ofName(name)) {
            case PATCH_EMBEDDING -> List.of(patchSize, patchSize, channels, hiddenSize);
            case CLASS_TOKEN, FINAL_NORM -> List.of(hiddenSize);
            case POSITION_EMBEDDING -> List.of(tokens(imageSize), hiddenSize);
            case ENCODER_BLOCK -> List.of(hiddenSize, mlpDim, numHeads);
            case ADAPTER -> List.of(hiddenSize, adapterDim);
            case HEAD -> List.of(hiddenSize, numClasses);
        };
    }

    /** Sequence length for an image size: one token per patch plus the class token. */
    public int tokens(int imageSize) {
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException(
                    "image size " + imageSize + " is not a multiple of the patch size " + patchSize);
        }
        int side = imageSize / patchSize;
        return side * side + 1;
    }

    /** Number of parameters of a component of this kind and shape (weights and biases, LayerNorm scale and shift). */
    public static long paramCount(ComponentKind kind, List<Integer> shape) {
        long a = shape.get(0);
        return switch (kind) {
            case PATCH_EMBEDDING -> a * shape.get(1) * shape.get(2) * shape.get(3) + shape.get(3);
            case CLASS_TOKEN -> a;
            case FINAL_NORM -> 2 * a;
            case POSITION_EMBEDDING -> a * shape.get(1);
            case ENCODER_BLOCK -> {
                long h = a;
                long m = shape.get(1);
                // two LayerNorms, q/k/v/out projections with biases, two MLP dense layers with biases
                yield 2 * 2 * h + 4 * (h * h + h) + (h * m + m) + (m * h + h);
            }
            case ADAPTER -> {
                long h = a;
                long d = shape.get(1);
                yield 2 * h + (h * d + d) + (d * h + h);
            }
            case HEAD -> a * shape.get(1) + shape.get(1);
        };
    }
}
