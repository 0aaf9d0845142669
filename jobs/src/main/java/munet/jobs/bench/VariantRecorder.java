package munet.jobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.EvolutionRun;
import munet.evolution.IterationDiagnostics;
import munet.evolution.IterationJournal;
import munet.evolution.IterationState;
import munet.system.SystemState;

/**
 * Watches one evolve run for the benchmark: every trained candidate by task, and for every task
 * iteration the system as committed and the wall seconds since the previous commit (training,
 * selection, history, test evaluation and commit of that task).
 */
final class VariantRecorder implements IterationJournal, EvolutionRun.Commits {

    /** The commit that ended one task's iteration. */
    record TaskCommit(String task, SystemState committed, double seconds) {}

    /** The end of one generation, on the wall clock (epoch milliseconds, as Spark's scheduler events). */
    record Generation(String task, int generation, long epochMillis) {}

    private final List<Generation> generations = new ArrayList<>();
    private final Map<String, List<CandidateResult>> candidates = new LinkedHashMap<>();
    private final List<TaskCommit> commits = new ArrayList<>();
    private final Map<String, IterationDiagnostics> diagnostics = new LinkedHashMap<>();
    private String activeTask;
    private long last = System.nanoTime();

    @Override
    public void generationFinished(IterationState state, List<CandidateSpec> specs, List<CandidateResult> results) {
        activeTask = state.task();
        generations.add(new Generation(state.task(), specs.get(0).generation(), System.currentTimeMillis()));
        candidates.computeIfAbsent(state.task(), task -> new ArrayList<>()).addAll(results);
    }

    @Override
    public void iterationFinished(IterationDiagnostics iteration) {
        diagnostics.put(iteration.task(), iteration);
    }

    @Override
    public void commit(SystemState next) {
        long now = System.nanoTime();
        commits.add(new TaskCommit(activeTask, next, (now - last) / 1e9));
        last = now;
    }

    List<TaskCommit> commits() {
        return List.copyOf(commits);
    }

    List<Generation> generations() {
        return List.copyOf(generations);
    }

    /** The diagnostics of the task's last iteration. */
    IterationDiagnostics diagnosticsOf(String task) {
        return diagnostics.get(task);
    }

    List<CandidateResult> candidatesOf(String task) {
        return List.copyOf(candidates.getOrDefault(task, List.of()));
    }
}
