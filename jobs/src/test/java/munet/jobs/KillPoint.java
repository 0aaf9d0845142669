package munet.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * The named points of an {@code evolve} child JVM's life where ChaosKillIT stops it for a
 * SIGKILL: reported by {@link ChaosFileSystem} (the store's and the datasets' file operations) and
 * {@link KillPointAppender} (the trainer's log). Inert unless the JVM starts with {@value
 * #PROPERTY}: then each point passed is appended to the file {@value #TRACE_PROPERTY} names, and
 * at the point named by {@value #PROPERTY} the JVM prints {@link PausePoint#MARKER} and the point
 * on stderr and blocks the thread that reached it, as {@link PausePoint} does.
 */
public final class KillPoint {
    public static final String PROPERTY = "munet.test.kill-at";
    public static final String TRACE_PROPERTY = "munet.test.kill-trace";
    /** The value of {@value #PROPERTY} for a run that only traces. */
    public static final String NOWHERE = "nowhere";

    private KillPoint() {}

    /** {@code point} (e.g. {@code blob-renamed 1f82c7b1284a}) is being passed by this JVM. */
    public static synchronized void reached(String point) {
        String stopAt = System.getProperty(PROPERTY);
        if (stopAt == null) {
            return;
        }
        try {
            Files.writeString(
                    Path.of(System.getProperty(TRACE_PROPERTY)),
                    point + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot trace kill point " + point, e);
        }
        if (point.equals(stopAt)) {
            System.err.println(PausePoint.MARKER + point);
            System.err.flush();
            try {
                new CountDownLatch(1).await(); // until the test kills this JVM
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at kill point " + point, e);
            }
        }
    }
}
