package munet.store;

import java.io.IOException;

/**
 * Told after each write of a commit, by file name, the marker {@value SystemStore#MARKER} last.
 * Tests throw from it to simulate a crash at that point; production passes {@link #NONE}.
 */
@FunctionalInterface
public interface CommitStep {
    CommitStep NONE = file -> {};

    void completed(String file) throws IOException;
}
