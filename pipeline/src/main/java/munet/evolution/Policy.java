package munet.evolution;

import munet.system.ComponentKind;
import munet.system.ComponentNames;

/**
 * How a task's path is searched. {@code mu2net} evolves it. The baselines are data, not loops:
 * one candidate per iteration from the root path with default hyperparameters and no mutation,
 * where components below encoder block {@code frozenBlocks} (the embeddings and blocks
 * {@code 0..frozenBlocks-1}) are referenced, every other component is cloned, and adapters of
 * width {@code adapterDim} (0: none) sit before every block.
 */
public record Policy(String name, boolean evolving, int frozenBlocks, int adapterDim) {

    public static final Policy MU2NET = new Policy("mu2net", true, 0, 0);
    public static final Policy FINETUNE_ALL = new Policy("finetune-all", false, 0, 0);

    /** {@code mu2net}, {@code finetune-all}, {@code freeze-bottom:K} or {@code adapters:D}. */
    public static Policy parse(String text) {
        String[] parts = text.split(":", -1);
        return switch (parts[0]) {
            case "mu2net" -> withoutArgument(parts, MU2NET);
            case "finetune-all" -> withoutArgument(parts, FINETUNE_ALL);
            case "freeze-bottom" -> new Policy(text, false, argument(parts, 0), 0);
            case "adapters" -> new Policy(text, false, Integer.MAX_VALUE, argument(parts, 1));
            default ->
                throw new IllegalArgumentException(
                        "unknown policy '" + text + "'; use mu2net, finetune-all, freeze-bottom:K or adapters:D");
        };
    }

    /** Whether a baseline references the component with this name instead of cloning it. */
    public boolean freezes(String componentName) {
        return switch (ComponentKind.ofName(componentName)) {
            case PATCH_EMBEDDING, CLASS_TOKEN, POSITION_EMBEDDING -> frozenBlocks > 0;
            case ENCODER_BLOCK -> ComponentNames.layerOf(componentName) < frozenBlocks;
            case ADAPTER, FINAL_NORM, HEAD -> false;
        };
    }

    private static Policy withoutArgument(String[] parts, Policy policy) {
        if (parts.length != 1) {
            throw new IllegalArgumentException(
                    "policy " + policy.name() + " takes no argument: '" + String.join(":", parts) + "'");
        }
        return policy;
    }

    private static int argument(String[] parts, int min) {
        String text = String.join(":", parts);
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "policy '" + text + "' needs one integer argument, e.g. " + parts[0] + ":2");
        }
        try {
            int value = Integer.parseInt(parts[1]);
            if (value < min) {
                throw new IllegalArgumentException("policy '" + text + "': the argument must be >= " + min);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("policy '" + text + "': '" + parts[1] + "' is not an integer", e);
        }
    }
}
