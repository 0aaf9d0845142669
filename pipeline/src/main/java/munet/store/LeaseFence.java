package munet.store;

import java.io.IOException;

/**
 * What every write of a job's in-progress state and of a commit checks just before the write
 * becomes visible: that the job still holds the store's lease. A job whose lease was broken (its
 * heartbeat stalled past the timeout and another job took over) then fails at its next write
 * instead of overwriting the new holder's state. The check narrows the window to one read and a
 * rename; no file system here offers a write conditional on another file.
 */
@FunctionalInterface
public interface LeaseFence {
    /** Fails, naming the current holder, unless the job this fence stands for still holds the lease. */
    void verifyHeld() throws IOException;
}
