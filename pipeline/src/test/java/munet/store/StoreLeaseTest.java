package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import munet.evolution.IterationState;
import munet.evolution.Rng;
import munet.evolution.SweepRun;
import munet.system.SystemState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLeaseTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    private SystemStore store;

    @BeforeEach
    void open() throws IOException {
        store = StoreFixtures.store(dir, CommitStep.NONE);
    }

    private StoreLease acquire(String owner, Instant at) throws IOException {
        return StoreLease.acquire(store.fileSystem(), store.root(), owner, Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void secondWriterFailsNamingTheHolder() throws IOException {
        try (StoreLease first = acquire("evolve-job-1", T0)) {
            IOException e = assertThrows(IOException.class, () -> acquire("evolve-job-2", T0));
            assertTrue(
                    e.getMessage()
                            .contains("in use by 'evolve-job-1' on host "
                                    + first.holder().host()),
                    e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        acquire("evolve-job-2", T0).close();
    }

    @Test
    void freshLeaseIsNotBroken() throws IOException {
        try (StoreLease held = acquire("job", T0)) {
            Clock nineMinutesLater = Clock.fixed(T0.plus(Duration.ofMinutes(9)), ZoneOffset.UTC);
            IOException e = assertThrows(
                    IOException.class,
                    () -> StoreLease.breakStale(store.fileSystem(), store.root(), TIMEOUT, nineMinutesLater));
            assertTrue(e.getMessage().contains("is not stale"), e.getMessage());
            held.verifyHeld();
        }
    }

    @Test
    void staleLeaseIsBrokenExplicitlyAndItsHolderLosesIt() throws IOException {
        StoreLease dead = acquire("crashed-job", T0);
        Clock later = Clock.fixed(T0.plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
        StoreLease.Holder broken = StoreLease.breakStale(store.fileSystem(), store.root(), TIMEOUT, later)
                .orElseThrow();
        assertEquals("crashed-job", broken.owner());

        try (StoreLease next = acquire("new-job", T0.plus(Duration.ofMinutes(11)))) {
            IOException e = assertThrows(IOException.class, dead::verifyHeld);
            assertTrue(e.getMessage().contains("now held by 'new-job'"), e.getMessage());
            dead.close();
            next.verifyHeld();
        }
    }

    /** Hadoop's local create checks, then truncates: jobs started together must not all get the lease. */
    @Test
    void ofJobsStartingTogetherExactlyOneGetsTheLease() throws Exception {
        int jobs = 6;
        ExecutorService threads = Executors.newFixedThreadPool(jobs);
        try {
            for (int round = 0; round < 30; round++) {
                CyclicBarrier start = new CyclicBarrier(jobs);
                List<Future<StoreLease>> attempts = new ArrayList<>();
                for (int job = 0; job < jobs; job++) {
                    String owner = "job-" + job;
                    attempts.add(threads.submit(() -> {
                        start.await();
                        try {
                            return acquire(owner, T0);
                        } catch (IOException e) {
                            assertTrue(e.getMessage().contains("is in use by"), e.getMessage());
                            return null;
                        }
                    }));
                }
                List<StoreLease> holders = new ArrayList<>();
                for (Future<StoreLease> attempt : attempts) {
                    if (attempt.get() != null) {
                        holders.add(attempt.get());
                    }
                }
                assertEquals(1, holders.size(), "round " + round + ": holders " + holders.size());
                holders.get(0).verifyHeld();
                holders.get(0).close();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** --break-stale-lease: a stale lease is broken, a fresh one left for the acquire to fail on. */
    @Test
    void breakIfStaleNeverBreaksAFreshLease() throws IOException {
        try (StoreLease fresh = acquire("live-job", T0)) {
            Clock nineMinutesLater = Clock.fixed(T0.plus(Duration.ofMinutes(9)), ZoneOffset.UTC);
            assertTrue(StoreLease.breakIfStale(store.fileSystem(), store.root(), TIMEOUT, nineMinutesLater)
                    .isEmpty());
            fresh.verifyHeld();
        }
        acquire("dead-job", T0);
        Clock elevenMinutesLater = Clock.fixed(T0.plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
        assertEquals(
                "dead-job",
                StoreLease.breakIfStale(store.fileSystem(), store.root(), TIMEOUT, elevenMinutesLater)
                        .orElseThrow()
                        .owner());
        assertTrue(StoreLease.holder(store.fileSystem(), store.root()).isEmpty());
    }

    /**
     * A job whose lease was broken and taken (its heartbeat stalled) must not overwrite the new
     * holder's in-progress state: every write fails naming the new holder, and the store stays as
     * the new holder left it. A concurrent sweep's writes (its start, an iteration's checkpoint
     * and its clearing after the commit) are fenced like a sequential run's.
     */
    @Test
    void aJobThatLostItsLeaseChangesNothingInTheStore() throws Exception {
        StoreLease stalled = acquire("stalled-job", T0);
        store.checkpoint().save(stalled, IterationCheckpointTest.stateAfter(store, 0, new Rng(1)));
        store.sweep().iteration("t-a").save(stalled, IterationCheckpointTest.stateAfter(store, 0, new Rng(3)));
        StoreLease.breakStale(
                store.fileSystem(),
                store.root(),
                TIMEOUT,
                Clock.fixed(T0.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));
        try (StoreLease next = acquire("next-job", T0.plus(Duration.ofMinutes(11)))) {
            IterationState later = IterationCheckpointTest.stateAfter(store, 1, new Rng(2));
            SystemState first = StoreFixtures.initial(store.blobs());
            Map<String, String> before = StoreFixtures.fileHashes(dir);
            List<org.junit.jupiter.api.function.Executable> writes = List.of(
                    () -> store.checkpoint().save(stalled, later),
                    () -> store.checkpoint().clear(stalled),
                    () -> store.sweep().begin(stalled, new SweepRun.Start(1, 2, 7)),
                    () -> store.sweep().iteration("t-a").save(stalled, later),
                    () -> store.sweep().iteration("t-a").clear(stalled),
                    () -> store.history()
                            .writeGeneration(
                                    stalled,
                                    List.of(CandidateHistoryTest.spec("c0", 0, "root-0", 0.1)),
                                    List.of(CandidateHistoryTest.result("c0", false, "executor-1"))),
                    () -> store.finishedCandidates()
                            .record(
                                    store.fence(stalled.holder().token()),
                                    CandidateHistoryTest.spec("c0", 0, "root-0", 0.1),
                                    CandidateHistoryTest.result("c0", false, "executor-1")),
                    () -> store.commit(stalled, first));
            for (org.junit.jupiter.api.function.Executable write : writes) {
                IOException e = assertThrows(IOException.class, write);
                assertTrue(e.getMessage().contains("was lost; now held by 'next-job'"), e.getMessage());
            }
            assertEquals(before, StoreFixtures.fileHashes(dir));
            next.verifyHeld();
        }
    }

    @Test
    void heartbeatThreadRenewsUntilClosed() throws Exception {
        try (StoreLease lease = store.acquireLease("job", new StoreSettings(TIMEOUT, Duration.ofMillis(10), TIMEOUT))) {
            Instant acquired = lease.holder().acquired();
            // Waits for the event, bounded; the assertion is on what happened, not on how fast.
            for (int i = 0; i < 500 && !heartbeat().isAfter(acquired); i++) {
                Thread.sleep(10);
            }
            assertTrue(heartbeat().isAfter(acquired), "the heartbeat thread never renewed the lease");
        }
        assertTrue(StoreLease.holder(store.fileSystem(), store.root()).isEmpty());
    }

    private Instant heartbeat() throws IOException {
        return StoreLease.holder(store.fileSystem(), store.root()).orElseThrow().heartbeat();
    }

    @Test
    void renewalMovesTheHeartbeatSoTheLeaseStaysFresh() throws IOException {
        Instant[] now = {T0};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (StoreLease lease = StoreLease.acquire(store.fileSystem(), store.root(), "job", moving)) {
            now[0] = T0.plus(Duration.ofMinutes(8));
            lease.renew();
            assertEquals(
                    now[0],
                    StoreLease.holder(store.fileSystem(), store.root())
                            .orElseThrow()
                            .heartbeat());
            Clock fifteenMinutesIn = Clock.fixed(T0.plus(Duration.ofMinutes(15)), ZoneOffset.UTC);
            assertThrows(
                    IOException.class,
                    () -> StoreLease.breakStale(store.fileSystem(), store.root(), TIMEOUT, fifteenMinutesIn));
        }
        assertTrue(StoreLease.holder(store.fileSystem(), store.root()).isEmpty());
    }

    @Test
    void theLeaseOfAProcessThatNoLongerRunsOnThisHostIsBrokenWhenTheNextJobStarts() throws Exception {
        writeLease(new StoreLease.Holder("killed-job", thisHost(), exitedPid(), T0, T0, "token-of-the-killed-job"));
        try (StoreLease next = store.acquireLease("rerun", StoreSettings.fromConfig(ConfigFactory.load()))) {
            assertEquals(
                    "rerun",
                    StoreLease.holder(store.fileSystem(), store.root())
                            .orElseThrow()
                            .owner());
        }
    }

    @Test
    void theLeaseOfALiveProcessOrOfAnotherHostIsKept() throws Exception {
        try (StoreLease live = acquire("live-job", T0)) {
            assertTrue(
                    StoreLease.breakDeadLocal(store.fileSystem(), store.root()).isEmpty());
            live.verifyHeld();
        }
        writeLease(new StoreLease.Holder("remote-job", "another-host", exitedPid(), T0, T0, "token-of-the-remote-job"));
        assertTrue(StoreLease.breakDeadLocal(store.fileSystem(), store.root()).isEmpty());
        assertEquals(
                "remote-job",
                StoreLease.holder(store.fileSystem(), store.root())
                        .orElseThrow()
                        .owner());
    }

    private String thisHost() throws IOException {
        try (StoreLease probe = acquire("probe", T0)) {
            return probe.holder().host();
        }
    }

    private static long exitedPid() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        return exited.pid();
    }

    private void writeLease(StoreLease.Holder holder) throws IOException {
        try (OutputStream out =
                store.fileSystem().create(new org.apache.hadoop.fs.Path(store.root(), StoreLease.FILE), true)) {
            out.write(StoreJson.GSON.toJson(holder).getBytes(StandardCharsets.UTF_8));
        }
    }
}
