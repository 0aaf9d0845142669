package munet.system;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The names of a path's components, in execution order: {@code patch_embedding, class_token,
 * position_embedding, [adapter_i,] encoderblock_i ..., final_norm, head}. An adapter named
 * {@code adapter_i} runs just before {@code encoderblock_i}.
 */
public final class ComponentNames {
    public static final String PATCH_EMBEDDING = "patch_embedding";
    public static final String CLASS_TOKEN = "class_token";
    public static final String POSITION_EMBEDDING = "position_embedding";
    public static final String FINAL_NORM = "final_norm";
    public static final String HEAD = "head";
    public static final String ENCODER_BLOCK_PREFIX = "encoderblock_";
    public static final String ADAPTER_PREFIX = "adapter_";

    private ComponentNames() {}

    public static String encoderBlock(int layer) {
        return ENCODER_BLOCK_PREFIX + layer;
    }

    public static String adapter(int layer) {
        return ADAPTER_PREFIX + layer;
    }

    /** The layer index of an {@code encoderblock_i} or {@code adapter_i} name. */
    public static int layerOf(String name) {
        int underscore = name.lastIndexOf('_');
        return Integer.parseInt(name.substring(underscore + 1));
    }

    /** The ordered names of a path with {@code numLayers} blocks and adapters before the given layers. */
    public static List<String> ofPath(int numLayers, SortedSet<Integer> adapterLayers) {
        List<String> names = new ArrayList<>(List.of(PATCH_EMBEDDING, CLASS_TOKEN, POSITION_EMBEDDING));
        for (int layer = 0; layer < numLayers; layer++) {
            if (adapterLayers.contains(layer)) {
                names.add(adapter(layer));
            }
            names.add(encoderBlock(layer));
        }
        names.add(FINAL_NORM);
        names.add(HEAD);
        return List.copyOf(names);
    }

    /** The layers that carry an adapter in a path with these component names. */
    public static SortedSet<Integer> adapterLayers(List<String> names) {
        SortedSet<Integer> layers = new TreeSet<>();
        for (String name : names) {
            if (name.startsWith(ADAPTER_PREFIX)) {
                layers.add(layerOf(name));
            }
        }
        return layers;
    }
}
