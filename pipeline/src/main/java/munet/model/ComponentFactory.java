package munet.model;

import java.util.List;
import munet.system.ComponentKind;

/** Makes the (empty) block for a component name, kind and shape as {@link munet.system.VitArchitecture} defines them. */
public final class ComponentFactory {
    private ComponentFactory() {}

    public static ComponentBlock create(String name, ComponentKind kind, List<Integer> shape) {
        if (ComponentKind.ofName(name) != kind) {
            throw new IllegalArgumentException("component " + name + " cannot be of kind " + kind);
        }
        int expectedRank = switch (kind) {
            case PATCH_EMBEDDING -> 4;
            case ENCODER_BLOCK -> 3;
            case POSITION_EMBEDDING, ADAPTER, HEAD -> 2;
            case CLASS_TOKEN, FINAL_NORM -> 1;
        };
        if (shape.size() != expectedRank || shape.stream().anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("component " + name + " of kind " + kind + " needs " + expectedRank
                    + " positive dimensions, got " + shape);
        }
        return switch (kind) {
            case PATCH_EMBEDDING -> new PatchEmbedding(shape);
            case CLASS_TOKEN -> new ClassToken(shape);
            case POSITION_EMBEDDING -> new PositionEmbedding(shape);
            case ENCODER_BLOCK -> new EncoderBlock(name, shape);
            case ADAPTER -> new ResidualAdapter(name, shape);
            case FINAL_NORM -> new FinalNorm(shape);
            case HEAD -> new ClassifierHead(shape);
        };
    }
}
