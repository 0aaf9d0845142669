package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import munet.jobs.TinyRun;
import munet.store.StoreLease;
import munet.store.SystemStore;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gc} and {@code break-lease} on a real store. */
class StoreMaintenanceTest {

    @TempDir
    static Path dir;

    private static TinyRun run;
    private static Path config;
    private static SystemStore store;

    @BeforeAll
    static void initialise() throws Exception {
        run = new TinyRun(dir);
        run.generateData();
        config = run.config("gc.conf", List.of("t-a"), "munet.store.gc-grace-period = 1ms");
        TinyRun.Result init = TinyRun.munet("init", "--config", config.toString());
        assertEquals(0, init.exitCode(), init.err());
        store = SystemStore.open(run.store().toUri().toString(), new Configuration());
    }

    @Test
    void gcRemovesOnlyBlobsNoVersionUses() throws Exception {
        String orphan = store.blobs().write("written by a job that never committed".getBytes(StandardCharsets.UTF_8));
        Map<String, String> before = TinyRun.fileHashes(run.store());
        TinyRun.Result gc = TinyRun.munet("gc", "--config", config.toString());
        assertEquals(0, gc.exitCode(), gc.err());
        assertTrue(gc.out().contains("removed 1 unreferenced blobs"), gc.out());
        assertFalse(store.blobs().exists(orphan));
        Map<String, String> after = TinyRun.fileHashes(run.store());
        before.keySet().removeIf(file -> file.contains(orphan) || !file.contains("blobs"));
        after.keySet().removeIf(file -> !file.contains("blobs"));
        assertEquals(before, after, "every referenced blob is kept, byte for byte");
        store.verifyBlobs(store.loadLatest().orElseThrow());
    }

    @Test
    void breakLeaseRefusesALiveHolderAndFreesADeadOne() throws Exception {
        try (StoreLease live = StoreLease.acquire(store.fileSystem(), store.root(), "a live job", Clock.systemUTC())) {
            TinyRun.Result refused = TinyRun.munet("break-lease", "--config", config.toString());
            assertNotEquals(0, refused.exitCode());
            assertTrue(refused.err().contains("a live job") && refused.err().contains("not stale"), refused.err());
            live.verifyHeld();
        }
        Clock anHourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        StoreLease.acquire(store.fileSystem(), store.root(), "a job that died elsewhere", anHourAgo);
        TinyRun.Result broken = TinyRun.munet("break-lease", "--config", config.toString());
        assertEquals(0, broken.exitCode(), broken.err());
        assertTrue(broken.out().contains("a job that died elsewhere"), broken.out());
        assertTrue(StoreLease.holder(store.fileSystem(), store.root()).isEmpty());
        assertFalse(Files.exists(run.store().resolve("_LEASE")));
    }

    /** What a scheduler's retry passes: a stale lease is broken and named, a live one never. */
    @Test
    void breakStaleLeaseBreaksOnlyAStaleLeaseAndSaysWhose() throws Exception {
        try (StoreLease live = StoreLease.acquire(store.fileSystem(), store.root(), "a live job", Clock.systemUTC())) {
            TinyRun.Result refused = TinyRun.munet("gc", "--config", config.toString(), "--break-stale-lease");
            assertEquals(1, refused.exitCode(), refused.out());
            assertTrue(refused.err().contains("in use by 'a live job'"), refused.err());
            live.verifyHeld();
        }
        Clock anHourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        StoreLease.acquire(store.fileSystem(), store.root(), "an evolve that died elsewhere", anHourAgo);
        TinyRun.Result gc = TinyRun.munet("gc", "--config", config.toString(), "--break-stale-lease");
        assertEquals(0, gc.exitCode(), gc.err());
        assertTrue(
                gc.out().contains("munet gc: broke the stale lease held by 'an evolve that died elsewhere'"), gc.out());
        assertTrue(StoreLease.holder(store.fileSystem(), store.root()).isEmpty(), "and released its own");
        for (Subcommand writer : List.of(new InitCommand(), new EvolveCommand(), new GarbageCollectCommand())) {
            assertTrue(writer.usage().contains("--break-stale-lease"), writer.name());
        }
    }
}
