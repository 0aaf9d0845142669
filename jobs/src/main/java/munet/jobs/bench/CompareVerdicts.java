package munet.jobs.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import munet.jobs.Leaderboard;

/**
 * What {@code bench compare} concludes from its summaries, under both protocols of the µ2Net
 * papers' comparisons: µ2Net at least as accurate as finetune-all with at most
 * {@link #CLAIMED_PARAMS_SHARE} of its parameters per task, against a finetune-all that trains as
 * many images as µ2Net's longest lineage ({@code *lineage}, the papers' rule: equal compute per
 * device) and against one that trains every image µ2Net trains per task ({@code *total}); the
 * accuracy/parameters plane, where a baseline that dominates a µ2Net point refutes it; and the
 * finetune-all budget sweep, which shows whether the comparison is made on a plateau.
 */
record CompareVerdicts(List<CompareSummary> summaries) {

    static final double CLAIMED_PARAMS_SHARE = 0.6;
    /** A doubling of the budget that gains less than this (test accuracy) is on the plateau. */
    static final double PLATEAU_GAIN = 0.01;

    CompareVerdicts {
        summaries = List.copyOf(summaries);
    }

    /** One line per protocol that ran (mu2net and a finetune-all with that budget). */
    List<String> claims() {
        List<String> lines = new ArrayList<>();
        Optional<CompareSummary> mu2net = named("mu2net");
        if (mu2net.isEmpty()) {
            return lines;
        }
        for (CompareSummary finetune : summaries) {
            if (finetune.variant().startsWith("finetune-all") && protocol(finetune.budget()) != null) {
                lines.add(claim(mu2net.get(), finetune));
            }
        }
        return lines;
    }

    private static String protocol(String budget) {
        return switch (budget) {
            case "lineage" -> "Papers' rule (finetune-all trains as many images as µ2Net's longest lineage)";
            case "total" -> "Equal total images (finetune-all trains every image µ2Net trains per task)";
            default -> null;
        };
    }

    private String claim(CompareSummary m, CompareSummary f) {
        double share = m.accountedParams() / f.accountedParams();
        boolean accurate = m.testAccuracy() >= f.testAccuracy();
        boolean small = share <= CLAIMED_PARAMS_SHARE;
        List<String> dominating = dominating(m);
        String verdict = accurate && small && dominating.isEmpty()
                ? "MET"
                : "NOT MET (" + String.join(", ", reasons(accurate, small, dominating)) + ")";
        return String.format(
                Locale.ROOT,
                "%s: %s. mu2net %s vs %s %s; parameters %.0f%% of finetune-all's.",
                protocol(f.budget()),
                verdict,
                withSpread(m),
                f.variant(),
                withSpread(f),
                100 * share);
    }

    private static List<String> reasons(boolean accurate, boolean small, List<String> dominating) {
        List<String> reasons = new ArrayList<>();
        if (!accurate) {
            reasons.add("lower accuracy");
        }
        if (!small) {
            reasons.add("more than " + Math.round(100 * CLAIMED_PARAMS_SHARE) + "% of the parameters");
        }
        if (!dominating.isEmpty()) {
            reasons.add("dominated by " + String.join(" and ", dominating));
        }
        return reasons;
    }

    /** The baselines that dominate {@code point} on the accuracy/parameters plane. */
    List<String> dominating(CompareSummary point) {
        return summaries.stream()
                .filter(s -> !s.evolving() && s.dominates(point))
                .map(CompareSummary::variant)
                .toList();
    }

    /** The plane as Markdown: every µ2Net point with the baselines that dominate it. */
    String plane() {
        StringBuilder out = new StringBuilder(
                "| µ2Net point | mean test acc | mean accounted params | dominated by |\n|---|---:|---:|---|\n");
        summaries.stream().filter(CompareSummary::evolving).forEach(s -> {
            List<String> dominating = dominating(s);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %s |%n",
                    s.variant(),
                    withSpread(s),
                    s.accountedParams(),
                    dominating.isEmpty() ? "none" : String.join(", ", dominating)));
        });
        return out.toString();
    }

    /** The finetune-all variants by budget, each with its gain over the previous one; empty with fewer than two. */
    String sweep() {
        List<CompareSummary> finetunes = summaries.stream()
                .filter(s -> s.variant().startsWith("finetune-all"))
                .sorted(Comparator.comparingDouble(CompareSummary::imagesTrained))
                .toList();
        if (finetunes.size() < 2) {
            return "";
        }
        StringBuilder out =
                new StringBuilder("| finetune-all budget | images per task | mean test acc | gain over the previous |\n"
                        + "|---|---:|---:|---:|\n");
        // The plateau starts where every later step gains less than the threshold: a single small step
        // between two larger ones (seen at 20 images per class) is noise, not a plateau.
        String plateau = null;
        for (int i = 0; i < finetunes.size(); i++) {
            CompareSummary s = finetunes.get(i);
            String gain = "-";
            if (i > 0) {
                double delta = s.testAccuracy() - finetunes.get(i - 1).testAccuracy();
                gain = String.format(Locale.ROOT, "%+.1f", 100 * delta);
                if (delta >= PLATEAU_GAIN) {
                    plateau = null;
                } else if (plateau == null) {
                    plateau = finetunes.get(i - 1).variant();
                }
            }
            out.append(String.format(
                    Locale.ROOT, "| %s | %,.0f | %s | %s |%n", s.variant(), s.imagesTrained(), withSpread(s), gain));
        }
        out.append(
                plateau == null
                        ? "\nPlateau: not reached (every step of the sweep still gains at least 1 point).\n"
                        : "\nPlateau: from " + plateau + " on (every later step gains less than 1 point).\n");
        return out.toString();
    }

    private Optional<CompareSummary> named(String variant) {
        return summaries.stream().filter(s -> s.variant().equals(variant)).findFirst();
    }

    /** {@code 84.6% ± 0.8} (half the range of the seeds' means), or the plain percentage with one seed. */
    static String withSpread(CompareSummary s) {
        String mean = Leaderboard.percent(s.testAccuracy());
        return s.seedAccuracies().size() < 2 ? mean : mean + String.format(Locale.ROOT, " ± %.1f", 100 * s.spread());
    }
}
