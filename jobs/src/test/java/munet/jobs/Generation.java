package munet.jobs;

import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.system.ComponentKind;
import munet.system.Hyperparameters;
import munet.system.InputNormalisation;
import munet.system.Task;

/** A small generation of candidate specs, as the evolution core plans them. */
public final class Generation {

    private Generation() {}

    public static List<CandidateSpec> specs(int count) {
        return specs(count, i -> 1000L + i);
    }

    /** Candidates of one batch seed, and so of the same batches and frozen prefix: they may train together. */
    public static List<CandidateSpec> sharingSpecs(int count) {
        return specs(count, i -> 1000L);
    }

    private static List<CandidateSpec> specs(int count, IntToLongFunction seed) {
        Task task = new Task("digits", 10, false, "file:/tmp/digits");
        List<ComponentSlot> slots = List.of(
                new ComponentSlot(
                        "encoderblock_0",
                        ComponentKind.ENCODER_BLOCK,
                        List.of(64),
                        new ComponentSlot.Frozen("block-hash")),
                new ComponentSlot("head", ComponentKind.HEAD, List.of(64, 10), new ComponentSlot.Fresh()));
        return IntStream.range(0, count)
                .mapToObj(i -> new CandidateSpec(
                        "candidate-" + i,
                        task,
                        1,
                        3,
                        "root",
                        slots,
                        new Hyperparameters(Map.of("opt_lr", 0.01 * (i + 1))),
                        List.of("opt_lr"),
                        seed.applyAsLong(i),
                        0.99,
                        0.3,
                        1,
                        InputNormalisation.SIGNED))
                .toList();
    }
}
