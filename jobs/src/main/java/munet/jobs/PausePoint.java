package munet.jobs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import munet.store.CommitStep;

/**
 * A place where a job can be made to stop forever, so that a test kills it (SIGKILL) at exactly
 * that point instead of after a guessed sleep. Inert unless the system property {@value #PROPERTY}
 * is set when the JVM starts:
 * <ul>
 *   <li>{@code candidate:<n>}: after the n-th candidate trained in this JVM has been recorded as
 *       finished in the store (i.e. in the middle of a generation);
 *   <li>{@code commit:<file>}: in a commit, right after the version table {@code <file>} (e.g.
 *       {@code paths.parquet}, or {@code _COMMITTED}) has been written.
 * </ul>
 * On reaching the point it prints {@value #MARKER} followed by the property's value on stderr,
 * then blocks the calling thread.
 */
public final class PausePoint {
    public static final String PROPERTY = "munet.test.pause-at";
    public static final String MARKER = "munet: paused at ";

    private static final AtomicInteger FINISHED_CANDIDATES = new AtomicInteger();

    private PausePoint() {}

    /** Counts a recorded candidate; pauses on the configured one. */
    public static void candidateRecorded() {
        int count = FINISHED_CANDIDATES.incrementAndGet();
        if (("candidate:" + count).equals(System.getProperty(PROPERTY))) {
            pause();
        }
    }

    /** The commit steps of a driver's store: pausing after the configured file, else none. */
    static CommitStep commitSteps() {
        String setting = System.getProperty(PROPERTY, "");
        if (!setting.startsWith("commit:")) {
            return CommitStep.NONE;
        }
        String file = setting.substring("commit:".length());
        return completed -> {
            if (completed.equals(file)) {
                pause();
            }
        };
    }

    private static void pause() {
        System.err.println(MARKER + System.getProperty(PROPERTY));
        System.err.flush();
        try {
            new CountDownLatch(1).await(); // until the test kills this JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at pause point " + System.getProperty(PROPERTY), e);
        }
    }
}
