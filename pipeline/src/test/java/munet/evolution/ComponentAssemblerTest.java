package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import munet.evolution.ComponentSlot.Clone;
import munet.evolution.ComponentSlot.Fresh;
import munet.evolution.ComponentSlot.Frozen;
import munet.evolution.ComponentSlot.Resample;
import munet.evolution.ComponentSlot.Source;
import munet.system.Component;
import munet.system.ComponentNames;
import munet.system.Hyperparameters;
import munet.system.MutationProbabilities;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import org.junit.jupiter.api.Test;

/**
 * Task A's best path A-1 shares the root's embeddings and first block and owns its second block,
 * final norm and head; A-1 was mutated from A-0 (an ancestor from this iteration) which had a
 * third block.
 */
class ComponentAssemblerTest {
    private static final Task A = Fixtures.task("A", false);
    private static final Task B = Fixtures.task("B", false);
    private static final List<String> NAMES = ComponentNames.ofPath(2, new TreeSet<>());

    private final SystemState system;
    private final Path a1;
    private final Path a0;

    ComponentAssemblerTest() {
        SystemState root = Fixtures.rootSystem();
        Map<String, Component> components = new HashMap<>(root.components());
        for (String name : List.of("patch_embedding", "class_token", "position_embedding", "encoderblock_0")) {
            components.put("root-" + name, components.get("root-" + name).withOwners(Set.of(Task.ROOT, "A")));
        }
        List<String> ids = new ArrayList<>();
        for (String name : NAMES) {
            String id = name.equals("encoderblock_1") || name.equals("final_norm") || name.equals("head")
                    ? "a-" + name
                    : "root-" + name;
            components.putIfAbsent(
                    id, Fixtures.component(id, name, Fixtures.shape(name, 16, Fixtures.TASK_CLASSES), Set.of("A")));
            ids.add(id);
        }
        a1 = Fixtures.path("A-1", "A", ids, NAMES, new Hyperparameters(Map.of()), "A-0", 0.6);
        List<String> names3 = ComponentNames.ofPath(3, new TreeSet<>());
        List<String> ids3 = names3.stream()
                .map(n -> n.equals("encoderblock_2") ? "a0-encoderblock_2" : "root-" + n)
                .toList();
        a0 = Fixtures.path("A-0", "A", ids3, names3, new Hyperparameters(Map.of()), "root", 0.5);
        Map<String, Task> tasks = new LinkedHashMap<>(Map.of("A", A, "B", B));
        system = new SystemState(1, Fixtures.ARCH, tasks, components, Map.of("A", a1), root.rootPaths());
    }

    private Population known(String task) {
        Component block2 = Fixtures.component(
                "a0-encoderblock_2", "encoderblock_2", Fixtures.shape("encoderblock_2", 16, 4), Set.of("A"));
        // A-0 stays in the population: an iteration never drops the paths it created
        List<Path> population = task.equals("A") ? List.of(a1, a0) : List.of(a0);
        return new Population(
                system,
                new IterationState(
                        1, task, 0, 0, 1, population, List.of(block2), Map.of(), List.of(), 0, List.of(), Map.of()),
                new Scorer(1.0, system.rootParams(), task));
    }

    private static Mutator.Child child(double mu, int layers, int imageSize, SortedSet<Integer> adapters) {
        return new Mutator.Child(
                new Hyperparameters(
                        Map.of("mu", mu, "num_layers", layers, "adapter_dim", 4, "ds_image_size", imageSize)),
                adapters,
                List.of(),
                MutationProbabilities.NONE);
    }

    private static Map<String, Source> sources(
            Policy policy, Task task, Path parent, Mutator.Child child, Population known) {
        EvolutionSettings settings =
                new EvolutionSettings(4, 2, 1.0, Set.of("final_norm"), true, policy, MutationRates.GLOBAL);
        Map<String, Source> sources = new LinkedHashMap<>();
        for (ComponentSlot slot : new ComponentAssembler(Fixtures.ARCH, settings)
                .assemble(task, parent, child, known, new Rng(1))
                .slots()) {
            sources.put(slot.name(), slot.source());
        }
        return sources;
    }

    private Map<String, Source> sources(Task task, Mutator.Child child) {
        return sources(Policy.MU2NET, task, a1, child, known(task.name()));
    }

    @Test
    void anotherTasksComponentsAreReferencedAndItsHeadIsNot() {
        Map<String, Source> s = sources(B, child(0.0, 2, 16, new TreeSet<>()));
        assertEquals(new Frozen("root-patch_embedding"), s.get("patch_embedding"));
        assertEquals(new Frozen("root-encoderblock_0"), s.get("encoderblock_0"));
        assertEquals(new Frozen("a-encoderblock_1"), s.get("encoderblock_1"));
        assertEquals(new Fresh(), s.get("head"), "A's head and the root's head are skipped");
    }

    @Test
    void theActiveTasksOwnComponentsAreTrainableSharedOnesFrozen() {
        Map<String, Source> s = sources(A, child(0.0, 2, 16, new TreeSet<>()));
        assertEquals(new Clone("a-encoderblock_1"), s.get("encoderblock_1"));
        assertEquals(new Clone("a-head"), s.get("head"));
        assertEquals(new Frozen("root-encoderblock_0"), s.get("encoderblock_0"), "shared with the root");
    }

    @Test
    void forceCloneAlwaysClones() {
        assertEquals(
                new Clone("a-final_norm"),
                sources(B, child(0.0, 2, 16, new TreeSet<>())).get("final_norm"));
    }

    @Test
    void aMutationRateOfOneClonesEverythingFound() {
        Map<String, Source> s = sources(B, child(1.0, 2, 16, new TreeSet<>()));
        s.forEach((name, source) ->
                assertEquals(name.equals("head") ? Fresh.class : Clone.class, source.getClass(), name));
    }

    @Test
    void learnedRatesDecideEachCloneOfAFrozenComponentWithItsOwnProbability() {
        MutationRates learned = new MutationRates(MutationRates.Mode.LEARNED, List.of(0.0, 0.5, 1.0), 0.5);
        EvolutionSettings settings =
                new EvolutionSettings(4, 2, 1.0, Set.of("final_norm"), true, Policy.MU2NET, learned);
        TreeMap<String, Double> taught = new TreeMap<>(Map.of(
                MutationProbabilities.clone("encoderblock_0"),
                1.0,
                MutationProbabilities.clone("encoderblock_1"),
                0.0,
                "hp:opt_lr",
                0.5));
        Mutator.Child child = new Mutator.Child(
                child(0.0, 2, 16, new TreeSet<>()).hparams(),
                new TreeSet<>(),
                List.of(),
                new MutationProbabilities(taught));
        ComponentAssembler.Assembly assembly =
                new ComponentAssembler(Fixtures.ARCH, settings).assemble(B, a1, child, known("B"), new Rng(4));
        Map<String, Source> s = new LinkedHashMap<>();
        assembly.slots().forEach(slot -> s.put(slot.name(), slot.source()));
        assertEquals(new Clone("root-encoderblock_0"), s.get("encoderblock_0"));
        assertEquals(new Frozen("a-encoderblock_1"), s.get("encoderblock_1"));
        TreeMap<String, Double> expected = new TreeMap<>(taught);
        for (String frozenByDefault : List.of("patch_embedding", "class_token", "position_embedding")) {
            expected.put(MutationProbabilities.clone(frozenByDefault), 0.5);
        }
        assertEquals(
                new MutationProbabilities(expected),
                assembly.probabilities(),
                "with mu 0 every probability is inherited; a component met for the first time starts at the initial one;"
                        + " a forced clone (final_norm) and a fresh head are no decision");
    }

    @Test
    void anotherImageSizeResamplesTheRootsPositionEmbedding() {
        Map<String, Source> s = sources(B, child(0.0, 2, 8, new TreeSet<>()));
        assertEquals(new Resample("root-position_embedding"), s.get("position_embedding"));
        assertEquals(new Frozen("root-patch_embedding"), s.get("patch_embedding"));
    }

    @Test
    void deeperChildrenTakeLayersFromAncestorsElseStartFresh() {
        Map<String, Source> s = sources(A, child(0.0, 4, 16, new TreeSet<>(Set.of(0))));
        assertEquals(
                new Clone("a0-encoderblock_2"),
                s.get("encoderblock_2"),
                "from ancestor A-0, created in this iteration");
        assertEquals(new Fresh(), s.get("encoderblock_3"));
        assertEquals(new Fresh(), s.get("adapter_0"));
        assertEquals(ComponentNames.ofPath(4, new TreeSet<>(Set.of(0))), List.copyOf(s.keySet()));
    }

    @Test
    void baselinesFreezeTheBottomAndCloneTheRest() {
        Path root = system.rootPaths().get(0);
        Population known = known("B");
        Map<String, Source> finetune = sources(Policy.FINETUNE_ALL, B, root, child(0.0, 2, 16, new TreeSet<>()), known);
        finetune.forEach((name, source) ->
                assertEquals(name.equals("head") ? Fresh.class : Clone.class, source.getClass(), name));

        Map<String, Source> bottom =
                sources(Policy.parse("freeze-bottom:1"), B, root, child(0.0, 2, 16, new TreeSet<>()), known);
        assertEquals(new Frozen("root-patch_embedding"), bottom.get("patch_embedding"));
        assertEquals(new Frozen("root-encoderblock_0"), bottom.get("encoderblock_0"));
        assertEquals(new Clone("root-encoderblock_1"), bottom.get("encoderblock_1"));
        assertEquals(new Clone("root-final_norm"), bottom.get("final_norm"));

        Map<String, Source> adapters =
                sources(Policy.parse("adapters:4"), B, root, child(1.0, 2, 16, new TreeSet<>(Set.of(0, 1))), known);
        assertEquals(
                new Frozen("root-encoderblock_1"), adapters.get("encoderblock_1"), "mu plays no part in baselines");
        assertEquals(new Frozen("root-class_token"), adapters.get("class_token"));
        assertEquals(new Fresh(), adapters.get("adapter_1"));
        assertEquals(new Clone("root-final_norm"), adapters.get("final_norm"));
        assertEquals(new Fresh(), adapters.get("head"));
    }
}
