package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import munet.system.Component;
import munet.system.ComponentKind;
import munet.system.Hyperparameters;
import munet.system.Path;
import munet.system.Task;
import org.junit.jupiter.api.Test;

class ScorerTest {
    // 400 root params owned by the root alone, 300 shared by A, B and C, 200 shared by the root and B, 100 of A alone
    private static final Map<String, Component> COMPONENTS = Map.of(
            "c1", component("c1", 400, Set.of(Task.ROOT)),
            "c2", component("c2", 300, Set.of("A", "B", "C")),
            "c3", component("c3", 200, Set.of(Task.ROOT, "B")),
            "c4", component("c4", 100, Set.of("A")));

    private static Component component(String id, long params, Set<String> owners) {
        return new Component(id, "encoderblock_0", ComponentKind.ENCODER_BLOCK, List.of(8, 16, 2), params, owners);
    }

    @Test
    void accountsSharedComponentsByTheirNumberOfTaskOwners() {
        Scorer scorer = new Scorer(0.5, 1000, "A");
        Path path = Fixtures.path(
                "p",
                "A",
                List.of("c1", "c2", "c3", "c4"),
                List.of("patch_embedding", "class_token", "head", "final_norm"),
                new Hyperparameters(Map.of()),
                null,
                0.8);
        // accounted = 400/|{A}| + 300/|{A,B,C}| + 200/|{A,B}| + 100/|{A}| = 400 + 100 + 100 + 100 = 700
        // score = 0.8 * 0.5^(700/1000) = 0.8 * 0.615572207 = 0.492457765
        assertEquals(0.492457765, scorer.score(path, COMPONENTS::get), 1e-9);
        // the root never counts as a sharer: {A, B, root} u {B} \ {root} = {A, B}
        assertEquals(350, new Scorer(0.5, 1000, "B").accounted(700, Set.of("A", "B", Task.ROOT)), 1e-9);
        assertEquals(700.0 / 3, new Scorer(0.5, 1000, "C").accounted(700, Set.of("A", "B", Task.ROOT)), 1e-9);
    }

    @Test
    void newSlotsCountFullyAndFrozenOnesByTheirShare() {
        Scorer scorer = new Scorer(0.5, 1000, "A");
        List<ComponentSlot> slots = List.of(
                new ComponentSlot(
                        "encoderblock_0",
                        ComponentKind.ENCODER_BLOCK,
                        List.of(8, 16, 2),
                        new ComponentSlot.Frozen("c2")),
                new ComponentSlot("final_norm", ComponentKind.FINAL_NORM, List.of(8), new ComponentSlot.Clone("c9")));
        // 300/3 for the frozen block + 2*8 = 16 for the new LayerNorm (scale and shift): 116 -> 0.5^0.116 = 0.922742493
        assertEquals(0.922742493, scorer.factorOf(slots, COMPONENTS::get), 1e-9);
    }

    @Test
    void aBaseOfOneIgnoresSize() {
        assertEquals(1.0, new Scorer(1.0, 10, "A").factor(1e6));
    }
}
