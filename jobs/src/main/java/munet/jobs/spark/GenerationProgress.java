package munet.jobs.spark;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.IterationDiagnostics;
import munet.evolution.IterationJournal;
import munet.evolution.IterationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves each generation through the store's journal, then reports it: one line for the
 * generation (task, pass, k/n, best score so far, improved count, seconds, ETA of the task) and
 * one per candidate (parent, mutations, quality, score, improved, seconds). {@link #status()}
 * gives the same summary for the Spark UI's job descriptions.
 */
final class GenerationProgress implements IterationJournal {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationProgress.class);

    private final IterationJournal store;
    private String iteration = "";
    private long iterationStart = System.nanoTime();
    private long generationStart = System.nanoTime();
    private int generationsHere;
    private double best = Double.NEGATIVE_INFINITY;
    private volatile String status = "starting";

    GenerationProgress(IterationJournal store) {
        this.store = store;
    }

    String status() {
        return status;
    }

    @Override
    public void generationFinished(IterationState state, List<CandidateSpec> specs, List<CandidateResult> results)
            throws IOException {
        store.generationFinished(state, specs, results);
        String current = state.task() + "/" + state.pass() + "/" + state.baseVersion();
        if (!current.equals(iteration)) {
            iteration = current;
            iterationStart = generationStart;
            generationsHere = 0;
            best = Double.NEGATIVE_INFINITY;
        }
        generationsHere++;
        long now = System.nanoTime();
        long improved = results.stream().filter(CandidateResult::improved).count();
        results.stream().filter(CandidateResult::improved).forEach(r -> best = Math.max(best, r.bestScore()));
        Duration eta = Duration.ofNanos(
                (now - iterationStart) / generationsHere * (state.generations() - state.nextGeneration()));
        String line = String.format(
                Locale.ROOT,
                "task %s pass %d generation %d/%d: best score %s, %d/%d improved, %.1f s, ETA %s",
                state.task(),
                state.pass() + 1,
                state.nextGeneration(),
                state.generations(),
                number(best),
                improved,
                results.size(),
                (now - generationStart) / 1e9,
                clock(eta));
        LOG.info(line);
        for (int i = 0; i < specs.size(); i++) {
            LOG.info("  " + candidateLine(specs.get(i), results.get(i)));
        }
        status = state.finished()
                ? line
                : String.format(
                        Locale.ROOT,
                        "task %s pass %d generation %d/%d, best score %s, ETA %s",
                        state.task(),
                        state.pass() + 1,
                        state.nextGeneration() + 1,
                        state.generations(),
                        number(best),
                        clock(eta));
        generationStart = now;
    }

    @Override
    public void iterationFinished(IterationDiagnostics diagnostics) throws IOException {
        store.iterationFinished(diagnostics);
    }

    private static String candidateLine(CandidateSpec spec, CandidateResult result) {
        return String.format(
                Locale.ROOT,
                "%s parent %s %s quality %s score %s%s %.1f s",
                spec.candidateId(),
                spec.parentId(),
                spec.mutations().isEmpty() ? "[no mutation]" : spec.mutations(),
                number(result.bestQuality()),
                number(result.bestScore()),
                result.improved() ? " improved" : "",
                result.totalSeconds());
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
}
