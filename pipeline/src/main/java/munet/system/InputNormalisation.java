package munet.system;

import java.util.List;

/**
 * How pixels in [0, 1] become network input, per RGB channel: {@code (pixel - mean) / std}. It
 * belongs to the system, not to a path: every path starts from the root's components, so every
 * path must see its input the way the root was trained on it. Systems made before imports
 * existed use {@link #SIGNED} ([-1, 1]), the vit_jax / augreg convention.
 */
public record InputNormalisation(List<Double> mean, List<Double> std) implements java.io.Serializable {
    public static final InputNormalisation SIGNED =
            new InputNormalisation(List.of(0.5, 0.5, 0.5), List.of(0.5, 0.5, 0.5));

    public InputNormalisation {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != 3 || std.size() != 3) {
            throw new IllegalArgumentException(
                    "input normalisation needs a mean and a std for each of the 3 RGB channels, got mean " + mean
                            + " and std " + std);
        }
        for (double s : std) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("input normalisation std must be positive and finite, got " + std);
            }
        }
        for (double m : mean) {
            if (!Double.isFinite(m)) {
                throw new IllegalArgumentException("input normalisation mean must be finite, got " + mean);
            }
        }
    }

    public boolean isSigned() {
        return equals(SIGNED);
    }
}
