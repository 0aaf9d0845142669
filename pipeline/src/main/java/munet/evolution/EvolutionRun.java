package munet.evolution;

import java.io.IOException;
import java.util.List;
import munet.system.HyperparameterSpace;
import munet.system.SystemState;
import munet.system.Task;

/**
 * The outer loop: {@code taskIterations} passes over the configured task list, one
 * {@link TaskIteration} per task, each committed before the next starts. Tasks the stored
 * system does not know yet are registered first, and the first pass trains only the tasks that
 * have no path yet: that is how a task added to the list later is introduced by the next run,
 * which continues from the stored system and leaves every earlier task as it was.
 */
public final class EvolutionRun {

    /** Stores a new version of the system (atomically) before the run goes on. */
    @FunctionalInterface
    public interface Commits {
        void commit(SystemState next) throws IOException;
    }

    private final TaskIteration iteration;
    private final int taskIterations;
    private final Commits commits;

    public EvolutionRun(
            EvolutionSettings settings,
            HyperparameterSpace space,
            int taskIterations,
            Learner learner,
            IterationJournal journal,
            Commits commits) {
        if (taskIterations < 1) {
            throw new IllegalArgumentException("task iterations must be >= 1, got " + taskIterations);
        }
        this.iteration = new TaskIteration(settings, space, learner, journal);
        this.taskIterations = taskIterations;
        this.commits = commits;
    }

    /** Runs every pass from the stored system, drawing every random choice from one generator seeded with {@code seed}. */
    public SystemState run(SystemState stored, List<Task> tasks, long seed) throws IOException {
        SystemState system = registered(stored, tasks);
        return passes(system, tasks, new Rng(seed), 0, tasksOfPass(system, tasks, 0));
    }

    /**
     * Continues a killed run from the last {@link IterationState} its journal saved: inside that
     * iteration if its version was not committed yet, else at the iteration after it. Draws the
     * same random numbers, hence reaches the same system, as the run that was killed.
     */
    public SystemState resume(SystemState stored, List<Task> tasks, IterationState last) throws IOException {
        SystemState system = registered(stored, tasks);
        Rng rng = new Rng(last.rngState());
        List<Task> passTasks = tasksOfPass(system, tasks, last.pass());
        int index = passTasks.stream().map(Task::name).toList().indexOf(last.task());
        int next;
        if (last.baseVersion() == stored.version() && index >= 0) {
            system = iteration.resume(system, last, rng);
            commits.commit(system);
            next = index + 1;
        } else if (last.finished() && last.baseVersion() + 1 == stored.version()) {
            // committed: in pass 0 the task now has a path, so it has left the pass's list already
            next = last.pass() == 0 ? 0 : index + 1;
        } else {
            throw new IllegalArgumentException(
                    "cannot resume: the saved iteration of task " + last.task() + " (pass " + (last.pass() + 1)
                            + ") started from version " + last.baseVersion() + " but the stored system is at version "
                            + stored.version()
                            + (index < 0 ? " and the task is not in that pass's task list" : ""));
        }
        return passes(
                system, tasks, rng, last.pass(), passTasks.subList(Math.min(next, passTasks.size()), passTasks.size()));
    }

    /**
     * The first pass introduces the listed tasks that have no path yet (so a run after adding a
     * task trains only that task); every further pass revisits every listed task.
     */
    static List<Task> tasksOfPass(SystemState system, List<Task> tasks, int pass) {
        return pass > 0
                ? tasks
                : tasks.stream()
                        .filter(task -> !system.bestPaths().containsKey(task.name()))
                        .toList();
    }

    private SystemState passes(SystemState system, List<Task> tasks, Rng rng, int firstPass, List<Task> firstPassTasks)
            throws IOException {
        for (int pass = firstPass; pass < taskIterations; pass++) {
            for (Task task : pass == firstPass ? firstPassTasks : tasks) {
                system = iteration.run(system, task.name(), pass, rng);
                commits.commit(system);
            }
        }
        return system;
    }

    /** The system with every listed task registered; a listed task must match its registration. */
    static SystemState registered(SystemState system, List<Task> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("the task list is empty: nothing to evolve");
        }
        for (Task task : tasks) {
            Task known = system.tasks().get(task.name());
            if (known != null && (known.numClasses() != task.numClasses() || known.isPrivate() != task.isPrivate())) {
                throw new IllegalArgumentException("task " + task.name() + " is registered with " + known.numClasses()
                        + " classes"
                        + (known.isPrivate() ? ", private" : "") + " but now has " + task.numClasses() + " classes"
                        + (task.isPrivate() ? ", private" : "") + "; use a new task name");
            }
            system = system.withTask(task);
        }
        return system;
    }
}
