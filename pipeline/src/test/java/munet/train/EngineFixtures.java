package munet.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.model.FreshComponents;
import munet.store.Blobs;
import munet.system.ComponentKind;
import munet.system.ComponentNames;
import munet.system.Hyperparameters;
import munet.system.InputNormalisation;
import munet.system.Task;
import munet.system.VitArchitecture;

/** A tiny ViT, its root blobs and candidate specs over the stripe task. */
final class EngineFixtures {
    static final VitArchitecture ARCH = new VitArchitecture(16, 32, 2, 4, 3);
    static final int IMAGE = 12;
    static final int LAYERS = 2;
    static final Task TASK = new Task("stripes", 4, false, "memory://stripes");

    private EngineFixtures() {}

    static Hyperparameters hparams() {
        Map<String, Object> values = new HashMap<>();
        values.put("opt_lr", 0.05);
        values.put("opt_lr_schedule", "cosine");
        values.put("opt_lr_warmup_ratio", 0.1);
        values.put("opt_momentum", 0.9);
        values.put("opt_nesterov", false);
        values.put("ds_image_size", IMAGE);
        values.put("ds_crop", true);
        values.put("ds_area_range_min", 0.5);
        values.put("ds_aspect_ratio_range_min", 0.75);
        values.put("ds_flip_left_right", true);
        values.put("ds_brightness_delta", 0.1);
        values.put("ds_contrast_delta", 0.1);
        values.put("ds_saturation_delta", 0.0);
        values.put("ds_hue_delta", 0.0);
        return new Hyperparameters(values);
    }

    static List<String> names() {
        return ComponentNames.ofPath(LAYERS, new TreeSet<>());
    }

    static List<Integer> shape(String name) {
        return ARCH.shapeOf(name, IMAGE, 8, TASK.numClasses());
    }

    /** Writes freshly initialised root components; returns their ids by name. */
    static Map<String, String> writeRoot(Blobs blobs, long seed) throws IOException {
        return FreshComponents.write(freshSlots(), seed, blobs);
    }

    /** Slots over the root: names in {@code trainable} are cloned, the rest frozen. */
    static List<ComponentSlot> slots(Map<String, String> rootIds, List<String> trainable) {
        List<ComponentSlot> slots = new ArrayList<>();
        for (String name : names()) {
            String id = rootIds.get(name);
            ComponentSlot.Source source =
                    trainable.contains(name) ? new ComponentSlot.Clone(id) : new ComponentSlot.Frozen(id);
            slots.add(new ComponentSlot(name, ComponentKind.ofName(name), shape(name), source));
        }
        return slots;
    }

    static List<ComponentSlot> freshSlots() {
        return names().stream()
                .map(n -> new ComponentSlot(n, ComponentKind.ofName(n), shape(n), new ComponentSlot.Fresh()))
                .toList();
    }

    static CandidateSpec spec(String id, List<ComponentSlot> slots, long seed) {
        return new CandidateSpec(
                id,
                TASK,
                0,
                0,
                "root",
                slots,
                hparams(),
                List.of(),
                seed,
                1.0,
                Double.NEGATIVE_INFINITY,
                1,
                InputNormalisation.SIGNED);
    }

    static TrainingConfig config(int batchesBetweenValidations) {
        return new TrainingConfig(16, batchesBetweenValidations, 2, 64, 64, 1, 1L << 30, 2);
    }
}
