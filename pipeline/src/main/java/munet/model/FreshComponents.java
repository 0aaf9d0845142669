package munet.model;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.evolution.ComponentSlot;
import munet.store.Blobs;

/** Writes randomly initialised components (a new root model) as blobs, without training them. */
public final class FreshComponents {
    private FreshComponents() {}

    /** The blob id of each slot's component, by slot name; every slot must be {@link ComponentSlot.Fresh}. */
    public static Map<String, String> write(List<ComponentSlot> slots, long seed, Blobs blobs) throws IOException {
        for (ComponentSlot slot : slots) {
            if (!(slot.source() instanceof ComponentSlot.Fresh)) {
                throw new IllegalArgumentException("slot " + slot.name() + " is not fresh: " + slot.source());
            }
        }
        TorchRuntime.prepareThread(1);
        Map<String, String> ids = new LinkedHashMap<>();
        try (PathModel model = PathModel.load(slots, seed, blobs, new FrozenComponentCache(0))) {
            for (PathModel.Trainable trainable : model.trainables()) {
                ids.put(trainable.slot().name(), blobs.write(trainable.state().encode()));
            }
        }
        return ids;
    }
}
