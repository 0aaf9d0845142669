package munet.evolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import munet.system.VitArchitecture;

/**
 * A deterministic learner: a candidate's quality is a function of the spec, by default of its
 * seed and hyperparameters (better with opt_lr 0.02 and more layers, so evolution has something
 * to find); its new
 * components are named by the SHA-256 of candidate id and slot name.
 */
final class FakeLearner implements Learner {
    private final List<CandidateSpec> trained = new ArrayList<>();
    private final List<CandidateSpec> tested = new ArrayList<>();
    private final ToDoubleFunction<CandidateSpec> quality;

    /** A learner whose candidate reaches {@code quality} (NaN: no snapshot). */
    FakeLearner(ToDoubleFunction<CandidateSpec> quality) {
        this.quality = quality;
    }

    FakeLearner() {
        this(FakeLearner::quality);
    }

    List<CandidateSpec> trained() {
        return trained;
    }

    List<CandidateSpec> tested() {
        return tested;
    }

    static double quality(CandidateSpec spec) {
        double noise = (spec.seed() >>> 11) * 0x1.0p-53;
        double lrBonus = spec.hparams().getDouble("opt_lr") == 0.02 ? 0.1 : 0;
        return 0.4 + 0.3 * noise + lrBonus + 0.05 * spec.hparams().getInt("num_layers");
    }

    @Override
    public List<CandidateResult> train(List<CandidateSpec> candidates) {
        List<CandidateResult> results = new ArrayList<>();
        for (CandidateSpec spec : candidates) {
            trained.add(spec);
            double quality = this.quality.applyAsDouble(spec);
            double score = quality * spec.scoreFactor();
            boolean improved = score >= spec.scoreToBeat();
            Map<String, String> ids = new HashMap<>();
            Map<String, Long> params = new HashMap<>();
            for (ComponentSlot slot : spec.slots()) {
                if (slot.trainable() && improved) {
                    ids.put(slot.name(), Fixtures.sha256(spec.candidateId() + "/" + slot.name()));
                    params.put(slot.name(), VitArchitecture.paramCount(slot.kind(), slot.shape()));
                }
            }
            results.add(new CandidateResult(
                    spec.candidateId(),
                    List.of(new CandidateResult.Validation(10, quality, score)),
                    improved,
                    quality,
                    score,
                    ids,
                    params,
                    0,
                    0,
                    64L * spec.budgetScale(),
                    Map.of("train", 0.0),
                    "fake"));
        }
        return results;
    }

    @Override
    public List<TestResult> test(List<CandidateSpec> paths) {
        List<TestResult> results = new ArrayList<>();
        for (CandidateSpec spec : paths) {
            tested.add(spec);
            String digest = Fixtures.sha256(String.join(
                    ",",
                    spec.slots().stream()
                            .map(slot -> ((ComponentSlot.Frozen) slot.source()).componentId())
                            .toList()));
            results.add(new TestResult(
                    spec.task().name(),
                    spec.candidateId(),
                    Integer.parseInt(digest.substring(0, 4), 16) / 65536.0,
                    100,
                    digest));
        }
        return results;
    }
}
