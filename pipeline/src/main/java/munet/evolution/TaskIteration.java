package munet.evolution;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import munet.system.Component;
import munet.system.HyperparameterSpace;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One active-task iteration: generations of candidates planned from the committed system,
 * trained by a {@link Learner}, the improved ones kept; at the end only the task's best path
 * stays, ownership is recomputed from the live paths and unused components are dropped.
 *
 * <p>A task without a path whose candidates all fail to produce a snapshot (impossible unless
 * training diverged, since they only need to beat -infinity) makes the iteration fail: there is
 * no path to commit for it, and committing the system without one would hide the failure.
 */
public final class TaskIteration {
    private static final Logger LOG = LoggerFactory.getLogger(TaskIteration.class);

    private final EvolutionSettings settings;
    private final GenerationPlanner planner;
    private final Learner learner;
    private final IterationJournal journal;

    public TaskIteration(
            EvolutionSettings settings, HyperparameterSpace space, Learner learner, IterationJournal journal) {
        this.settings = settings;
        this.planner = new GenerationPlanner(settings, space);
        this.learner = learner;
        this.journal = journal;
    }

    /** The whole iteration of {@code task} from the committed {@code system}: the next version, for the caller to commit. */
    public SystemState run(SystemState system, String task, int pass, Rng rng) throws IOException {
        return resume(system, start(system, task, pass, rng), rng);
    }

    /** The iteration before its first generation: the task's best path as its population, the seeds shuffled. */
    public IterationState start(SystemState system, String task, int pass, Rng rng) {
        system.task(task);
        Path best = system.bestPaths().get(task);
        List<String> seeds =
                ParentSampler.seeds(system, task, rng).stream().map(Path::id).toList();
        return IterationState.begin(
                system.version(),
                task,
                pass,
                settings.generations(),
                best == null ? List.of() : List.of(best),
                seeds,
                rng.state());
    }

    /** Continues an iteration from a saved {@code state}; {@code rng} must be at the state's {@code rngState}. */
    public SystemState resume(SystemState system, IterationState state, Rng rng) throws IOException {
        if (state.baseVersion() != system.version() || rng.state() != state.rngState()) {
            throw new IllegalArgumentException("the saved iteration of task " + state.task() + " needs system version "
                    + state.baseVersion() + " and random state " + state.rngState() + ", got version "
                    + system.version() + " and random state " + rng.state());
        }
        Task task = system.task(state.task());
        Scorer scorer = new Scorer(settings.scoreBase(), system.rootParams(), task.name());
        long started = System.nanoTime();
        int first = state.nextGeneration();
        while (!state.finished()) {
            state = generation(task, new Population(system, state, scorer), scorer, rng);
            double perGeneration = (System.nanoTime() - started) / 1e9 / (state.nextGeneration() - first);
            LOG.debug(
                    "task {} pass {}: generation {}/{} done, population {}, ETA {}s",
                    task.name(),
                    state.pass() + 1,
                    state.nextGeneration(),
                    state.generations(),
                    state.population().size(),
                    Math.round(perGeneration * (state.generations() - state.nextGeneration())));
        }
        return finish(system, new Population(system, state, scorer));
    }

    private IterationState generation(Task task, Population population, Scorer scorer, Rng rng) throws IOException {
        GenerationPlanner.Plan plan = planner.plan(task, population, scorer, rng);
        List<CandidateResult> results = learner.train(plan.specs());
        IterationState before = population.state();
        List<Path> paths = new ArrayList<>(before.population());
        Map<String, Component> created = new LinkedHashMap<>();
        before.newComponents().forEach(component -> created.put(component.id(), component));
        Map<String, Long> imagesTrained = new HashMap<>(before.imagesTrained());
        for (int i = 0; i < plan.specs().size(); i++) {
            CandidateSpec spec = plan.specs().get(i);
            CandidateResult result = resultFor(spec, results, i);
            LOG.debug(
                    "candidate {} score {} {} {}",
                    spec.candidateId(),
                    result.bestScore(),
                    result.improved() ? "improved" : "dropped",
                    spec.mutations());
            if (result.improved()) {
                paths.add(selected(spec, result, created, population.system()));
                imagesTrained.put(spec.candidateId(), result.imagesTrained());
            }
        }
        List<GenerationDiagnostics> diagnostics = new ArrayList<>(before.generationDiagnostics());
        diagnostics.add(GenerationDiagnostics.of(before.nextGeneration(), plan.specs(), results));
        IterationState next = before.afterGeneration(
                paths,
                List.copyOf(created.values()),
                plan.offspring(),
                plan.seedOrder(),
                rng.state(),
                diagnostics,
                imagesTrained);
        journal.generationFinished(next, plan.specs(), results);
        return next;
    }

    private static CandidateResult resultFor(CandidateSpec spec, List<CandidateResult> results, int index) {
        if (results.size() <= index || !results.get(index).candidateId().equals(spec.candidateId())) {
            throw new IllegalStateException(
                    "the learner returned results out of order: expected " + spec.candidateId() + " at " + index);
        }
        return results.get(index);
    }

    /** An improved candidate as a path; its trainable slots' snapshots become components owned by the active task. */
    private static Path selected(
            CandidateSpec spec, CandidateResult result, Map<String, Component> created, SystemState system) {
        List<String> ids = new ArrayList<>();
        for (ComponentSlot slot : spec.slots()) {
            String id = slot.source() instanceof ComponentSlot.Frozen frozen
                    ? frozen.componentId()
                    : result.newComponentIds().get(slot.name());
            if (id == null) {
                throw new IllegalStateException(
                        "candidate " + spec.candidateId() + " improved but returned no component for " + slot.name());
            }
            if (slot.trainable() && !system.components().containsKey(id)) {
                created.putIfAbsent(id, slot.newComponent(id, Set.of(spec.task().name())));
            }
            ids.add(id);
        }
        return Path.untested(
                spec.candidateId(),
                spec.task().name(),
                ids,
                spec.componentNames(),
                spec.hparams(),
                spec.parentId(),
                result.bestQuality(),
                spec.mutationProbabilities());
    }

    private SystemState finish(SystemState system, Population population) throws IOException {
        IterationState state = population.state();
        Path best = population.best();
        if (best == null) {
            throw new IllegalStateException(
                    "task " + state.task() + " has no path and none of its candidates in " + state.generations()
                            + " generations produced a snapshot (non-finite validation scores?); nothing to commit");
        }
        SystemState next = system.withBestPath(best, population::component);
        LOG.info(
                "task {} pass {}: best path {} quality {} score {}",
                state.task(),
                state.pass() + 1,
                best.id(),
                best.quality(),
                population.score(best));
        SystemState testedNext = tested(next, state.pass());
        journal.iterationFinished(diagnostics(
                state, population.lineage(best), testedNext.bestPaths().get(state.task())));
        return testedNext;
    }

    /** The iteration's diagnostics; the committed path's lineage in this iteration is the paths it selected. */
    private static IterationDiagnostics diagnostics(IterationState state, List<Path> lineage, Path committed) {
        List<Path> selectedHere = lineage.stream()
                .takeWhile(path -> state.imagesTrained().containsKey(path.id()))
                .toList();
        long images = selectedHere.stream()
                .mapToLong(path -> state.imagesTrained().get(path.id()))
                .sum();
        return new IterationDiagnostics(
                state.task(),
                state.pass(),
                state.baseVersion(),
                state.generationDiagnostics(),
                committed.id(),
                selectedHere.size(),
                images,
                committed.quality(),
                committed.testQuality());
    }

    /**
     * {@code next} with test results for every best path never tested: a path new in this iteration
     * (made without test results by {@link #selected}) or one whose evaluation never finished.
     */
    private SystemState tested(SystemState next, int pass) {
        List<Path> untested = next.bestPaths().values().stream()
                .filter(path -> path.testDigest() == null)
                .toList();
        List<CandidateSpec> specs = untested.stream()
                .map(path -> CandidateSpec.ofCommittedPath(next, path, pass))
                .toList();
        List<TestResult> results = specs.isEmpty() ? List.of() : learner.test(specs);
        Map<String, Path> bestPaths = new LinkedHashMap<>(next.bestPaths());
        for (int i = 0; i < untested.size(); i++) {
            Path path = untested.get(i);
            TestResult result = results.size() > i ? results.get(i) : null;
            if (result == null || !result.pathId().equals(path.id())) {
                throw new IllegalStateException(
                        "the learner returned test results out of order: expected path " + path.id() + " at " + i);
            }
            bestPaths.put(path.task(), path.withTest(result.accuracy(), result.predictionsDigest()));
        }
        return new SystemState(
                next.version(), next.architecture(), next.tasks(), next.components(), bestPaths, next.rootPaths());
    }
}
