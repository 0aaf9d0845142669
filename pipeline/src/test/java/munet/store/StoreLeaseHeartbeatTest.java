package munet.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLeaseHeartbeatTest {
    @TempDir
    Path dir;

    /**
     * A job checks its lease before every commit while its own heartbeat rewrites the file in
     * place: the check must never catch the file half-written and call the lease lost (an evolve
     * run once failed so at a commit ten minutes in).
     */
    @Test
    void theHoldersOwnHeartbeatNeverMakesItsLeaseLookLost() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        try (StoreLease lease = StoreLease.acquire(store.fileSystem(), store.root(), "test", Clock.systemUTC())) {
            lease.startHeartbeat(Duration.ofMillis(1));
            assertDoesNotThrow(() -> {
                for (int check = 0; check < 3_000; check++) {
                    lease.verifyHeld();
                }
            });
        }
    }

    /** The same for an executor's fence, which knows only the token and cannot wait for the heartbeat. */
    @Test
    void theHoldersOwnHeartbeatNeverMakesItsExecutorsFenceFail() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        try (StoreLease lease = StoreLease.acquire(store.fileSystem(), store.root(), "test", Clock.systemUTC())) {
            lease.startHeartbeat(Duration.ofMillis(1));
            LeaseFence fence = store.fence(lease.holder().token());
            assertDoesNotThrow(() -> {
                for (int check = 0; check < 3_000; check++) {
                    fence.verifyHeld();
                }
            });
        }
    }
}
