package munet.jobs.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import munet.evolution.EvolutionSettings;
import munet.evolution.Policy;

/**
 * One contender of {@code bench compare}: a policy ({@code mu2net}, {@code finetune-all},
 * {@code freeze-bottom:K}, {@code adapters:D}), the score base it runs with and, for a baseline,
 * how long its single candidate trains; written {@code policy[@base][*budget]}, e.g.
 * {@code mu2net@0.5}, {@code finetune-all*lineage} (the papers' rule: as many images as µ2Net's
 * longest lineage), {@code finetune-all*total} (every image µ2Net trains per task) or
 * {@code finetune-all*16} (16 candidates' training).
 *
 * @param budget the baseline budget as written ({@code total}, {@code lineage} or a count), or
 *     null for the configuration's {@code munet.evolution.baseline-budget}
 */
public record CompareVariant(String name, Policy policy, double scoreBase, String budget) {

    public static CompareVariant parse(String text, double defaultBase) {
        int star = text.indexOf('*');
        String budget = star < 0 ? null : text.substring(star + 1);
        String head = star < 0 ? text : text.substring(0, star);
        int at = head.indexOf('@');
        Policy policy = Policy.parse(at < 0 ? head : head.substring(0, at));
        double base = defaultBase;
        if (at >= 0) {
            try {
                base = Double.parseDouble(head.substring(at + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "bench variant '" + text + "': the score base after @ must be a number", e);
            }
        }
        try {
            EvolutionSettings.checkedScoreBase(base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bench variant '" + text + "': " + e.getMessage(), e);
        }
        if (budget != null) {
            if (policy.evolving()) {
                throw new IllegalArgumentException("bench variant '" + text + "': only a baseline takes a *budget");
            }
            try {
                EvolutionSettings.parseBaselineBudget(budget);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bench variant '" + text + "': " + e.getMessage(), e);
            }
        }
        return new CompareVariant(text, policy, base, budget);
    }

    /** A folder name for this variant's store: {@code freeze-bottom:2} becomes {@code freeze-bottom-2}. */
    String folder() {
        return name.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** The run configuration with this variant's policy, score base and baseline budget. */
    Config applyTo(Config config) {
        Config applied = config.withValue("munet.evolution.policy", ConfigValueFactory.fromAnyRef(policy.name()))
                .withValue("munet.evolution.score-base", ConfigValueFactory.fromAnyRef(scoreBase));
        return budget == null
                ? applied
                : applied.withValue("munet.evolution.baseline-budget", ConfigValueFactory.fromAnyRef(budget));
    }

    /** The baseline budget this variant runs with in {@code config} ({@code total}, {@code lineage} or a count). */
    String effectiveBudget(Config config) {
        return budget != null ? budget : config.getString("munet.evolution.baseline-budget");
    }
}
