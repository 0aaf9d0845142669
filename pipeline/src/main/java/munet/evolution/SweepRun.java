package munet.evolution;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import munet.system.HyperparameterSpace;
import munet.system.SystemState;
import munet.system.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passes of {@link EvolutionRun} with up to K task iterations running at once, each in a
 * driver thread of its own (whose learner submits its generations as jobs of one engine). An
 * iteration starts from the version its {@link SweepSchedule} names and draws from its own
 * random stream ({@link Rng#forIteration}); iterations commit in schedule order, each rebased
 * onto the newest version: its task's best path replaces the task's path there, owners are
 * recomputed from the live paths and unused components dropped. That is valid because an
 * iteration trains only components its task owns alone, and a trained component is always a new
 * one, so concurrent iterations never change anything another one reads.
 */
public final class SweepRun {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRun.class);

    /** What a killed sweep needs to resume with the same schedule and streams. */
    public record Start(long startVersion, int concurrentTasks, long seed) {}

    /** The learner and journal of one task iteration. */
    public record Slot(Learner learner, IterationJournal journal) {}

    /** The store and engine a sweep runs against. */
    public interface Host {
        /** Before any iteration runs (again on a resume): the start to save, the schedule, the iterations committed. */
        void begin(Start start, SweepSchedule schedule, int committed) throws IOException;

        /** The learner and journal of an iteration, made in the thread that runs it, before its first job. */
        Slot open(String task, int pass);

        /** A committed version an iteration starts from (only on a resume: otherwise the sweep holds it). */
        SystemState load(long version) throws IOException;

        /** Stores {@code next}, the rebased result of an iteration of {@code task}, atomically. */
        void commit(SystemState next, String task) throws IOException;
    }

    private final EvolutionSettings settings;
    private final HyperparameterSpace space;
    private final int passes;
    private final int concurrent;
    private final long seed;
    private final Host host;

    public SweepRun(
            EvolutionSettings settings, HyperparameterSpace space, int passes, int concurrent, long seed, Host host) {
        if (passes < 1 || concurrent < 1) {
            throw new IllegalArgumentException(
                    "passes and concurrent tasks must be >= 1, got " + passes + " and " + concurrent);
        }
        this.settings = settings;
        this.space = space;
        this.passes = passes;
        this.concurrent = concurrent;
        this.seed = seed;
        this.host = host;
    }

    /**
     * Runs the sweep that starts at {@code start}, or continues it when {@code latest} is newer
     * (a restart after a kill): iterations already committed are skipped, an iteration whose
     * {@code saved} state (by task) has its pass and base version resumes from it, the others start over.
     */
    public SystemState run(SystemState start, SystemState latest, List<Task> tasks, Map<String, IterationState> saved)
            throws IOException {
        SystemState first = EvolutionRun.registered(start, tasks);
        SweepSchedule schedule = SweepSchedule.of(first, tasks, passes, concurrent);
        long committed = latest.version() - start.version();
        if (committed < 0 || committed > schedule.size()) {
            throw new IllegalArgumentException("cannot resume the sweep that started at version " + start.version()
                    + ": it has " + schedule.size() + " task iterations but the store is at version "
                    + latest.version());
        }
        host.begin(new Start(start.version(), concurrent, seed), schedule, (int) committed);
        SystemState newest = committed == 0 ? first : EvolutionRun.registered(latest, tasks);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(concurrent, work -> {
            Thread thread = new Thread(work, "munet-sweep-" + threadNumber.incrementAndGet());
            thread.setDaemon(true); // a failed sweep must not keep the JVM alive
            return thread;
        });
        Map<Integer, Future<SystemState>> running = new HashMap<>();
        try {
            int next = (int) committed;
            for (int i = (int) committed; i < schedule.size(); i++) {
                for (; next < schedule.size() && schedule.startsAfter().get(next) < i; next++) {
                    SystemState base = baseOf(schedule.startsAfter().get(next), first, newest);
                    SweepSchedule.Entry entry = schedule.entries().get(next);
                    running.put(next, threads.submit(() -> iterate(base, entry, saved.get(entry.task()))));
                }
                SweepSchedule.Entry entry = schedule.entries().get(i);
                SystemState result = outcome(running.remove(i));
                newest = newest.withBestPath(result.bestPaths().get(entry.task()), result::component);
                host.commit(newest, entry.task());
            }
        } finally {
            threads.shutdownNow();
        }
        return newest;
    }

    /** The version after the commit of iteration {@code after} (-1: the sweep's start). */
    private SystemState baseOf(int after, SystemState first, SystemState newest) throws IOException {
        long version = first.version() + after + 1;
        if (after < 0) {
            return first;
        }
        return version == newest.version() ? newest : host.load(version);
    }

    private SystemState iterate(SystemState base, SweepSchedule.Entry entry, IterationState saved) throws IOException {
        Slot slot = host.open(entry.task(), entry.pass());
        TaskIteration iteration = new TaskIteration(settings, space, slot.learner(), slot.journal());
        if (saved != null && saved.pass() == entry.pass() && saved.baseVersion() == base.version()) {
            LOG.info(
                    "resuming task {} pass {} at generation {}/{}",
                    entry.task(),
                    entry.pass() + 1,
                    saved.nextGeneration() + 1,
                    saved.generations());
            return iteration.resume(base, saved, new Rng(saved.rngState()));
        }
        return iteration.run(base, entry.task(), entry.pass(), Rng.forIteration(seed, entry.task(), entry.pass()));
    }

    private static SystemState outcome(Future<SystemState> iteration) throws IOException {
        try {
            return iteration.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a task iteration");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a task iteration failed", cause);
        }
    }
}
