package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import munet.system.ComponentNames;
import munet.system.Hyperparameter;
import munet.system.Hyperparameters;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import org.junit.jupiter.api.Test;

/** What {@code munet init} commits, built without Spark or DJL. */
class RootSystemTest {
    private final Hyperparameters hparams = new Hyperparameters(Map.of(
            Hyperparameter.DS_IMAGE_SIZE.key(),
            16,
            Hyperparameter.ADAPTER_DIM.key(),
            4,
            Hyperparameter.NUM_LAYERS.key(),
            2));
    private final RootSystem root = new RootSystem(Fixtures.ARCH, 2, hparams);

    @Test
    void slotsAreEveryComponentOfTheRootPathFreshWithTheGivenHead() {
        List<ComponentSlot> slots = root.slots(7);
        assertEquals(
                ComponentNames.ofPath(2, new TreeSet<>()),
                slots.stream().map(ComponentSlot::name).toList());
        assertTrue(slots.stream().allMatch(s -> s.source() instanceof ComponentSlot.Fresh));
        ComponentSlot head = slots.get(slots.size() - 1);
        assertEquals(Fixtures.ARCH.shapeOf(ComponentNames.HEAD, 16, 4, 7), head.shape());
    }

    @Test
    void systemIsVersionOneWithOnlyTheRootPathOwnedByRoot() {
        List<ComponentSlot> slots = root.slots(3);
        Map<String, String> ids =
                slots.stream().collect(Collectors.toMap(ComponentSlot::name, s -> "blob-" + s.name()));
        SystemState system = root.system(slots, ids, 0.75);
        assertEquals(1, system.version());
        assertEquals(Map.of(), system.tasks());
        Path path = system.rootPaths().get(0);
        assertEquals(List.of(path), system.rootPaths());
        assertEquals(Task.ROOT, path.task());
        assertEquals(slots.stream().map(s -> "blob-" + s.name()).toList(), path.componentIds());
        assertEquals(hparams, path.hparams());
        assertEquals(0.75, path.quality());
        assertTrue(Double.isNaN(path.testQuality()));
        assertTrue(
                system.components().values().stream().allMatch(c -> c.owners().equals(Set.of(Task.ROOT))));
        assertEquals(slots.size(), system.components().size());
    }
}
