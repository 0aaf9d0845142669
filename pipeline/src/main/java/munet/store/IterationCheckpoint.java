package munet.store;

import java.io.IOException;
import java.util.Optional;
import java.util.TreeMap;
import munet.evolution.IterationState;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The in-progress state of the running task iteration, {@code <store>/in-progress/iteration-<n>.json}.
 * Each save writes a new sequence number (hidden temporary name, then rename) before deleting the
 * older ones, so a crash at any point leaves a complete state to resume from.
 */
public final class IterationCheckpoint {
    static final String DIRECTORY = "in-progress";
    private static final String PREFIX = "iteration-";
    private static final String SUFFIX = ".json";

    private final FileSystem fs;
    private final Path dir;

    public IterationCheckpoint(FileSystem fs, Path storeRoot) {
        this(new Path(storeRoot, DIRECTORY), fs);
    }

    private IterationCheckpoint(Path dir, FileSystem fs) {
        this.fs = fs;
        this.dir = dir;
    }

    /** The checkpoint kept in {@code dir}: one iteration of a concurrent sweep keeps its own. */
    static IterationCheckpoint in(FileSystem fs, Path dir) {
        return new IterationCheckpoint(dir, fs);
    }

    /** Saves {@code state}, replacing the previous one, if {@code fence} still holds the lease. */
    public void save(LeaseFence fence, IterationState state) throws IOException {
        TreeMap<Long, Path> existing = saved();
        long sequence = existing.isEmpty() ? 1 : existing.lastKey() + 1;
        String name = PREFIX + String.format("%012d", sequence) + SUFFIX;
        StoreFiles.replace(fs, new Path(dir, name), fence, StoreJson.GSON.toJson(state));
        for (Path older : existing.values()) {
            fs.delete(older, false);
        }
    }

    /** The last saved state, empty if no iteration is in progress. */
    public Optional<IterationState> load() throws IOException {
        TreeMap<Long, Path> existing = saved();
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        Path file = existing.lastEntry().getValue();
        try {
            IterationState state = StoreJson.GSON.fromJson(StoreFiles.read(fs, file), IterationState.class);
            if (state == null || state.task() == null) {
                throw new IOException("empty");
            }
            return Optional.of(state);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "invalid in-progress iteration state " + file + ": " + e.getMessage()
                            + "; delete it to restart the iteration from its base version",
                    e);
        }
    }

    /**
     * Forgets the in-progress iteration (once the run is over), if {@code fence} still holds the
     * lease; the store's own checkpoint forgets everything in progress, finished candidates and a
     * sweep's iterations included.
     */
    public void clear(LeaseFence fence) throws IOException {
        fence.verifyHeld();
        fs.delete(dir, true);
    }

    private TreeMap<Long, Path> saved() throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        if (!fs.exists(dir)) {
            return files;
        }
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                if (digits.matches("[0-9]+")) {
                    files.put(Long.parseLong(digits), status.getPath());
                }
            }
        }
        return files;
    }
}
