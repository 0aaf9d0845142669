package munet.checkpoint;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.evolution.ComponentSlot;
import munet.evolution.RootSystem;
import munet.model.ComponentState;
import munet.model.PositionEmbedding;
import munet.model.Tensor;
import munet.store.Blobs;
import munet.system.ComponentNames;
import munet.system.Hyperparameter;
import munet.system.Hyperparameters;
import munet.system.SystemState;
import munet.system.VitArchitecture;

/**
 * Makes a pretrained ViT the root of a new system: its components become the root path's (owner
 * {@code root}), its dimensions and input normalisation the system's architecture, and its head,
 * when it has one, stays with the root path. For another image size the position embedding is
 * resampled on the 2-D grid, as evolution does for paths of another size.
 */
public final class RootImport {
    private RootImport() {}

    /**
     * Writes the root's blobs and returns version 1 of the system. {@code hparams} are the root
     * path's (their depth and image size are set here); {@code imageSize} is the size the root
     * runs at; {@code fallbackClasses} sizes a zero head when the checkpoint has none.
     */
    public static SystemState system(
            VitCheckpoint checkpoint, Hyperparameters hparams, int imageSize, int fallbackClasses, Blobs blobs)
            throws IOException {
        VitArchitecture architecture = checkpoint.architecture();
        if (imageSize % architecture.patchSize() != 0) {
            throw new IllegalArgumentException("image size " + imageSize + " is not a multiple of the patch size "
                    + architecture.patchSize() + " of " + checkpoint.source());
        }
        RootSystem root = new RootSystem(
                architecture,
                checkpoint.depth(),
                hparams.with(Hyperparameter.NUM_LAYERS, checkpoint.depth())
                        .with(Hyperparameter.DS_IMAGE_SIZE, imageSize));
        List<ComponentSlot> slots = root.slots(checkpoint.hasHead() ? checkpoint.numClasses() : fallbackClasses);
        Map<String, String> ids = new LinkedHashMap<>();
        for (ComponentSlot slot : slots) {
            ComponentState state = new ComponentState(
                    slot.name(),
                    slot.kind(),
                    slot.shape(),
                    parameters(checkpoint, slot.name(), slot.shape(), imageSize),
                    Collections.emptySortedMap());
            ids.put(slot.name(), blobs.write(state.encode()));
        }
        return root.system(slots, ids, Double.NaN);
    }

    private static SortedMap<String, Tensor> parameters(
            VitCheckpoint checkpoint, String name, List<Integer> shape, int imageSize) {
        if (name.equals(ComponentNames.HEAD) && !checkpoint.hasHead()) {
            // a zero head, as a fresh ClassifierHead starts: every class at equal odds
            int hidden = shape.get(0);
            int classes = shape.get(1);
            SortedMap<String, Tensor> head = new TreeMap<>();
            head.put("dense.weight", new Tensor(new long[] {classes, hidden}, new float[classes * hidden]));
            head.put("dense.bias", new Tensor(new long[] {classes}, new float[classes]));
            return head;
        }
        SortedMap<String, Tensor> parameters = checkpoint.components().get(name);
        if (name.equals(ComponentNames.POSITION_EMBEDDING) && imageSize != checkpoint.imageSize()) {
            Tensor resampled = PositionEmbedding.resample(parameters.get("embedding"), shape.get(0));
            return new TreeMap<>(Map.of("embedding", resampled));
        }
        return parameters;
    }
}
