package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import munet.jobs.MunetProcess;
import munet.jobs.PausePoint;
import munet.jobs.TinyRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A concurrent sweep ({@code munet.run.concurrent-tasks = 2}, three tasks) killed outright
 * (SIGKILL) while two task iterations train, then rerun with the same command: every in-flight
 * iteration resumes from its own saved generation, no finished candidate trains again, and the
 * store ends at the very system an uninterrupted sweep in another JVM reaches.
 */
class ConcurrentSweepIT {
    private static final Duration TIMEOUT = ResumeAfterKillIT.TIMEOUT;

    @TempDir
    static Path dir;

    @Test
    void aSweepKilledMidGenerationResumesToTheSystemOfAnUninterruptedSweep() throws Exception {
        TinyRun run = new TinyRun(dir);
        run.generateData();
        Path config = run.config("sweep.conf", List.of("t-a", "t-b", "t-c"), ConcurrentSweepTest.CONCURRENT);
        assertEquals(0, TinyRun.munet("init", "--config", config.toString()).exitCode());
        Path reference = ConcurrentSweepTest.copy(run.store(), dir.resolve("reference"));
        Path killed = ConcurrentSweepTest.copy(run.store(), dir.resolve("killed"));
        try (MunetProcess evolve = MunetProcess.start(dir, "reference", List.of(), evolve(config, reference))) {
            assertEquals(0, evolve.awaitExit(TIMEOUT), evolve.output());
        }

        // t-a and t-b train their first generations (2 candidates each) at once; the 5th candidate
        // is in a second generation, so its iteration saved its first one
        try (MunetProcess evolve = MunetProcess.start(
                dir, "killed", List.of("-D" + PausePoint.PROPERTY + "=candidate:5"), evolve(config, killed))) {
            evolve.awaitStderrLine(PausePoint.MARKER + "candidate:5", TIMEOUT);
            evolve.kill();
        }
        Set<String> recorded = ResumeAfterKillIT.recordedCandidates(killed);
        assertTrue(recorded.size() >= 5, "recorded before the kill: " + recorded);
        assertTrue(Files.exists(killed.resolve("in-progress/sweep.json")));

        String log;
        try (MunetProcess evolve = MunetProcess.start(dir, "resumed", List.of(), evolve(config, killed))) {
            assertEquals(0, evolve.awaitExit(TIMEOUT), evolve.output());
            log = evolve.stderr();
        }
        assertTrue(log.contains("no longer runs"), "the killed job's lease is broken:\n" + log);
        assertTrue(
                log.contains("at generation 2/2"), "an in-flight iteration resumes at its saved generation:\n" + log);
        Set<String> trained = ResumeAfterKillIT.ids(ResumeAfterKillIT.TRAINED, log);
        assertTrue(trained.stream().noneMatch(recorded::contains), "no finished candidate trains again: " + trained);
        assertEquals(TinyRun.latest(reference), TinyRun.latest(killed));
        TinyRun.Result verify =
                TinyRun.munet("evaluate", "--verify", "--config", config.toString(), "--store", killed.toString());
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertFalse(Files.exists(killed.resolve("in-progress")), "the finished sweep leaves no in-progress state");
    }

    private static String[] evolve(Path config, Path store) {
        return new String[] {"evolve", "--config", config.toString(), "--store", store.toString()};
    }
}
