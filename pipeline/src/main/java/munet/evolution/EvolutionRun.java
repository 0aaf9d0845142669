package munet.evolution;

import java.io.IOException;
import java.util.List;
import munet.system.HyperparameterSpace;
import munet.system.SystemState;
import munet.system.Task;

/**
 * The outer loop: {@code taskIterations} passes over the configured task list, one
 * {@link TaskIteration} per task, each committed before the next starts. Tasks the stored
 * system does not know yet are registered first: that is how a task added to the list later
 * is introduced by the next run, which continues from the stored system.
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

  public EvolutionRun(EvolutionSettings settings, HyperparameterSpace space, int taskIterations, Learner learner,
      IterationJournal journal, Commits commits) {
    if (taskIterations < 1) {
      throw new IllegalArgumentException("task iterations must be >= 1, got " + taskIterations);
    }
    this.iteration = new TaskIteration(settings, space, learner, journal);
    this.taskIterations = taskIterations;
    this.commits = commits;
  }

  /** Runs every pass from the stored system, drawing every random choice from one generator seeded with {@code seed}. */
  public SystemState run(SystemState stored, List<Task> tasks, long seed) throws IOException {
    return passes(registered(stored, tasks), tasks, new Rng(seed), 0, 0);
  }

  /**
   * Continues a killed run from the last {@link IterationState} its journal saved: inside that
   * iteration if its version was not committed yet, else at the iteration after it. Draws the
   * same random numbers, hence reaches the same system, as the run that was killed.
   */
  public SystemState resume(SystemState stored, List<Task> tasks, IterationState last) throws IOException {
    int index = tasks.stream().map(Task::name).toList().indexOf(last.task());
    if (index < 0) {
      throw new IllegalArgumentException("cannot resume: task " + last.task() + " of the saved iteration is not in the task list");
    }
    SystemState system = registered(stored, tasks);
    Rng rng = new Rng(last.rngState());
    if (last.baseVersion() == stored.version()) {
      system = iteration.resume(system, last, rng);
      commits.commit(system);
    } else if (!last.finished() || last.baseVersion() + 1 != stored.version()) {
      throw new IllegalArgumentException("cannot resume: the saved iteration of task " + last.task() + " started from version "
          + last.baseVersion() + " but the stored system is at version " + stored.version());
    }
    boolean lastOfPass = index == tasks.size() - 1;
    return passes(system, tasks, rng, lastOfPass ? last.pass() + 1 : last.pass(), lastOfPass ? 0 : index + 1);
  }

  private SystemState passes(SystemState system, List<Task> tasks, Rng rng, int firstPass, int firstIndex) throws IOException {
    for (int pass = firstPass; pass < taskIterations; pass++) {
      for (int i = pass == firstPass ? firstIndex : 0; i < tasks.size(); i++) {
        system = iteration.run(system, tasks.get(i).name(), pass, rng);
        commits.commit(system);
      }
    }
    return system;
  }

  /** The system with every listed task registered; a listed task must match its registration. */
  private static SystemState registered(SystemState system, List<Task> tasks) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("the task list is empty: nothing to evolve");
    }
    for (Task task : tasks) {
      Task known = system.tasks().get(task.name());
      if (known != null && (known.numClasses() != task.numClasses() || known.isPrivate() != task.isPrivate())) {
        throw new IllegalArgumentException("task " + task.name() + " is registered with " + known.numClasses() + " classes"
            + (known.isPrivate() ? ", private" : "") + " but now has " + task.numClasses() + " classes"
            + (task.isPrivate() ? ", private" : "") + "; use a new task name");
      }
      system = system.withTask(task);
    }
    return system;
  }
}
