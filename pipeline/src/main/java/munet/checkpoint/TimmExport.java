package munet.checkpoint;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import munet.model.ComponentState;
import munet.model.Safetensors;
import munet.model.Tensor;
import munet.store.Blobs;
import munet.system.ComponentNames;
import munet.system.Hyperparameter;
import munet.system.Path;
import munet.system.SystemState;

/**
 * Writes one path as a standalone timm ViT: {@code model.safetensors} (q/k/v fused into {@code
 * attn.qkv}, metadata {@code format: pt}, parameters only: no optimizer state) and {@code
 * config.json} (dimensions, the system's mean and std, the class names as {@code label_names}).
 *
 * <p>A path with residual adapters is refused, naming them: timm's VisionTransformer has no
 * adapters, and an adapter (a non-linear residual branch) cannot be folded into the block's
 * weights, so any file timm loads would compute another function than the task's path.
 */
public final class TimmExport {
    public static final String WEIGHTS_FILE = "model.safetensors";

    private TimmExport() {}

    /** The path as a checkpoint (its blobs read and hash-checked); {@code labelNames} may be empty. */
    public static VitCheckpoint checkpoint(SystemState system, Path path, List<String> labelNames, Blobs blobs)
            throws IOException {
        List<String> adapters = path.componentNames().stream()
                .filter(n -> n.startsWith(ComponentNames.ADAPTER_PREFIX))
                .toList();
        if (!adapters.isEmpty()) {
            throw new IllegalArgumentException("the path of " + describe(path) + " has residual adapters " + adapters
                    + ", which timm's VisionTransformer cannot express; export writes only adapter-free paths");
        }
        Map<String, SortedMap<String, Tensor>> components = new LinkedHashMap<>();
        for (int i = 0; i < path.componentIds().size(); i++) {
            String id = path.componentIds().get(i);
            components.put(
                    path.componentNames().get(i),
                    ComponentState.decode(blobs.read(id), id).parameters());
        }
        int depth = (int) path.componentNames().stream()
                .filter(n -> n.startsWith(ComponentNames.ENCODER_BLOCK_PREFIX))
                .count();
        return new VitCheckpoint(
                describe(path),
                system.architecture(),
                path.hparams().getInt(Hyperparameter.DS_IMAGE_SIZE),
                depth,
                components,
                labelNames);
    }

    /** Writes {@code model.safetensors} and {@code config.json} into {@code dir} (created if needed). */
    public static void write(VitCheckpoint checkpoint, java.nio.file.Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(
                dir.resolve(WEIGHTS_FILE), Safetensors.write(TimmLayout.tensors(checkpoint), Map.of("format", "pt")));
        String config = new GsonBuilder().setPrettyPrinting().create().toJson(TimmLayout.config(checkpoint));
        Files.writeString(dir.resolve(TimmLayout.CONFIG_FILE), config + "\n", StandardCharsets.UTF_8);
    }

    private static String describe(Path path) {
        return path.task().equals(munet.system.Task.ROOT) ? "the root" : "task " + path.task();
    }
}
