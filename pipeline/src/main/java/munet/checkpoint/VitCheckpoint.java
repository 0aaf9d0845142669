package munet.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import munet.model.Tensor;
import munet.system.ComponentNames;
import munet.system.VitArchitecture;

/**
 * A pretrained ViT as the system's components: {@code components} maps each component name of a
 * path ({@code patch_embedding} ... {@code final_norm}, and {@code head} when the checkpoint has
 * one) to its parameters under the system's stable names. {@code labelNames} are the head's class
 * names when the checkpoint carries them (empty otherwise).
 */
public record VitCheckpoint(
        String source,
        VitArchitecture architecture,
        int imageSize,
        int depth,
        Map<String, SortedMap<String, Tensor>> components,
        List<String> labelNames) {

    public VitCheckpoint {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        labelNames = List.copyOf(labelNames);
        int classes = classesOf(components);
        if (!labelNames.isEmpty() && labelNames.size() != classes) {
            throw new IllegalArgumentException(
                    source + ": " + labelNames.size() + " label names for a head of " + classes + " classes");
        }
    }

    private static int classesOf(Map<String, SortedMap<String, Tensor>> components) {
        SortedMap<String, Tensor> head = components.get(ComponentNames.HEAD);
        return head == null ? 0 : (int) head.get("dense.bias").shape()[0];
    }

    public boolean hasHead() {
        return components.containsKey(ComponentNames.HEAD);
    }

    /** Classes of the checkpoint's head, 0 without one. */
    public int numClasses() {
        return classesOf(components);
    }

    /** Tokens of the position embedding: one per patch plus the class token. */
    public int tokens() {
        return architecture.tokens(imageSize);
    }
}
