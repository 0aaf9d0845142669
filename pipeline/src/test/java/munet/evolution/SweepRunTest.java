package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import munet.system.Component;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import org.junit.jupiter.api.Test;

/** Concurrent sweeps with a fake learner: 5 tasks (t2 private), 6 candidates per task in generations of 3. */
class SweepRunTest {
    private static final List<Task> TASKS = EvolutionRunTest.TASKS;
    private static final EvolutionSettings SETTINGS = EvolutionRunTest.SETTINGS;

    /**
     * Commits in a list, keeps each task's last saved iteration state, and can hold a task's
     * training until another task's iteration has finished, or fail a commit (a killed job).
     */
    private static final class Host implements SweepRun.Host {
        final List<SystemState> commits = Collections.synchronizedList(new ArrayList<>());
        final List<CandidateSpec> trained = Collections.synchronizedList(new ArrayList<>());
        final Map<String, IterationState> saved = new ConcurrentHashMap<>();
        final Map<String, CountDownLatch> finished = new ConcurrentHashMap<>();
        final CountDownLatch secondPassSaved = new CountDownLatch(1);
        final Map<String, String> waitsFor;
        final int failingCommit;

        Host(Map<String, String> waitsFor, int failingCommit, List<SystemState> committedBefore) {
            this.waitsFor = waitsFor;
            this.failingCommit = failingCommit;
            commits.addAll(committedBefore);
            TASKS.forEach(task -> finished.put(task.name(), new CountDownLatch(1)));
        }

        @Override
        public void begin(SweepRun.Start start, SweepSchedule schedule, int committed) {}

        @Override
        public SweepRun.Slot open(String task, int pass) {
            FakeLearner fake = new FakeLearner();
            Learner learner = new Learner() {
                @Override
                public List<CandidateResult> train(List<CandidateSpec> candidates) {
                    String other = waitsFor.get(task);
                    if (other != null && pass == 0) {
                        awaitIteration(other);
                    }
                    trained.addAll(candidates);
                    return fake.train(candidates);
                }

                @Override
                public List<TestResult> test(List<CandidateSpec> paths) {
                    return fake.test(paths);
                }
            };
            return new SweepRun.Slot(learner, new IterationJournal() {
                @Override
                public void generationFinished(
                        IterationState state, List<CandidateSpec> specs, List<CandidateResult> results) {
                    saved.put(state.task(), state);
                    if (state.pass() == 1) {
                        secondPassSaved.countDown();
                    }
                }

                @Override
                public void iterationFinished(IterationDiagnostics diagnostics) {
                    finished.get(diagnostics.task()).countDown();
                }
            });
        }

        private void awaitIteration(String task) {
            // only a guard against a hang: one task's training waits for another task's
            // iteration, which can end only if iterations really run at once
            await(finished.get(task), "the iteration of " + task);
        }

        private static void await(CountDownLatch latch, String what) {
            try {
                assertTrue(latch.await(60, TimeUnit.SECONDS), what + " happened");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SystemState load(long version) {
            return commits.stream()
                    .filter(s -> s.version() == version)
                    .findFirst()
                    .orElseThrow();
        }

        @Override
        public void commit(SystemState next, String task) throws IOException {
            if (commits.size() == failingCommit) {
                // killed while an iteration of the second pass has a saved generation
                await(secondPassSaved, "a generation of the second pass");
                throw new IOException("killed before commit " + failingCommit);
            }
            commits.add(next);
        }
    }

    private static SystemState sweep(Host host, int passes, int concurrent, List<Task> tasks) throws IOException {
        SystemState start = Fixtures.rootSystem();
        return new SweepRun(SETTINGS, Fixtures.space(), passes, concurrent, 7, host).run(start, start, tasks, Map.of());
    }

    @Test
    void concurrentIterationsStartFromOneVersionAndEachCommitsOnlyItsOwnPath() throws IOException {
        Host host = new Host(Map.of(), -1, List.of());
        SystemState end = sweep(host, 2, 3, TASKS);

        assertEquals(10, host.commits.size(), "one commit per task iteration");
        assertEquals(end, host.commits.get(9));
        for (String task : List.of("t0", "t1", "t2")) {
            assertTrue(
                    host.trained.stream().anyMatch(spec -> spec.candidateId().startsWith(task + "-v0-p0-g0-")),
                    task + " starts from version 0 beside the other two");
        }
        assertTrue(host.trained.stream().anyMatch(spec -> spec.candidateId().startsWith("t3-v1-p0-")));
        assertTrue(host.trained.stream().anyMatch(spec -> spec.candidateId().startsWith("t0-v3-p1-")));
        SystemState before = Fixtures.rootSystem();
        for (int i = 0; i < 10; i++) {
            SystemState state = host.commits.get(i);
            String active = TASKS.get(i % TASKS.size()).name();
            assertEquals(i + 1, state.version());
            for (Map.Entry<String, Path> entry : before.bestPaths().entrySet()) {
                if (!entry.getKey().equals(active)) {
                    assertEquals(entry.getValue(), state.bestPaths().get(entry.getKey()), active + " rebased");
                }
            }
            assertEquals(
                    EvolutionRunTest.componentsOfLivePaths(state),
                    state.components().keySet());
            for (Component component : state.components().values()) {
                assertEquals(EvolutionRunTest.users(state, component.id()), component.owners(), component.id());
            }
            state.bestPaths().values().forEach(path -> assertNotNull(path.testDigest(), path.id()));
            before = state;
        }
        assertEquals(Set.of("t0", "t1", "t2", "t3", "t4"), end.bestPaths().keySet());
    }

    @Test
    void theSameSeedAndConcurrencyGiveTheSameSystemWhicheverIterationFinishesFirst() throws IOException {
        List<Task> tasks = TASKS.subList(0, 3);
        Host t0First = new Host(Map.of("t1", "t0", "t2", "t0"), -1, List.of());
        Host t0Last = new Host(Map.of("t0", "t2", "t2", "t1"), -1, List.of());

        SystemState first = sweep(t0First, 2, 3, tasks);
        SystemState last = sweep(t0Last, 2, 3, tasks);

        assertEquals(first, last);
        assertEquals(t0First.commits, t0Last.commits, "every version is the same");
        assertFalse(first.equals(sweep(new Host(Map.of(), -1, List.of()), 2, 2, tasks)), "K is part of the result");
    }

    @Test
    void aSweepKilledAtACommitResumesEveryIterationToTheSameSystem() throws IOException {
        SystemState uninterrupted = sweep(new Host(Map.of(), -1, List.of()), 2, 3, TASKS);
        Host killed = new Host(Map.of(), 4, List.of());
        assertThrows(IOException.class, () -> sweep(killed, 2, 3, TASKS));
        assertEquals(4, killed.commits.size());
        assertFalse(killed.saved.isEmpty());

        Host resumed = new Host(Map.of(), -1, killed.commits);
        SystemState start = Fixtures.rootSystem();
        SystemState end = new SweepRun(SETTINGS, Fixtures.space(), 2, 3, 7, resumed)
                .run(start, killed.commits.get(3), TASKS, killed.saved);

        assertEquals(uninterrupted, end);
        for (IterationState state : killed.saved.values()) {
            boolean committedAlready = killed.commits.stream().anyMatch(s -> s.version() == state.baseVersion() + 1);
            if (state.nextGeneration() > 0 && !committedAlready) {
                String saved = state.task() + "-v" + state.baseVersion() + "-p" + state.pass() + "-g0-";
                assertTrue(
                        resumed.trained.stream()
                                .noneMatch(spec -> spec.candidateId().startsWith(saved)),
                        "a saved generation is not trained again: " + saved);
            }
        }
    }

    @Test
    void neverTwoIterationsOfOneTaskAtOnce() {
        SystemState start = Fixtures.rootSystem();
        List<Task> tasks = TASKS.subList(0, 3);
        assertEquals(
                List.of(-1, -1, 0, 1, 2, 3),
                SweepSchedule.of(start, tasks, 2, 2).startsAfter());
        assertEquals(
                List.of(-1, -1, -1, 0, 1, 2),
                SweepSchedule.of(start, tasks, 2, 8).startsAfter(),
                "with more slots than tasks, a task's next pass waits for its previous iteration");
    }
}
