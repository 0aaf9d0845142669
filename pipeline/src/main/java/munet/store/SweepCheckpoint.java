package munet.store;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import munet.evolution.IterationState;
import munet.evolution.SweepRun;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The in-progress state of a concurrent sweep: its start ({@code in-progress/sweep.json}, from
 * which a restarted job rebuilds the same schedule) and the state of each running task
 * iteration ({@code in-progress/task=<t>/iteration-<n>.json}, as {@link IterationCheckpoint}).
 * Cleared with the store's {@link IterationCheckpoint}.
 */
public final class SweepCheckpoint {
    private static final String START = "sweep.json";
    private static final String TASK_PREFIX = "task=";

    private final FileSystem fs;
    private final Path dir;

    public SweepCheckpoint(FileSystem fs, Path storeRoot) {
        this.fs = fs;
        this.dir = new Path(storeRoot, IterationCheckpoint.DIRECTORY);
    }

    /**
     * Records the start of a sweep (again on a resume: the same content), if {@code fence} still
     * holds the lease.
     */
    public void begin(LeaseFence fence, SweepRun.Start start) throws IOException {
        StoreFiles.replace(fs, new Path(dir, START), fence, StoreJson.GSON.toJson(start));
    }

    /** The start of the sweep in progress, empty if none is. */
    public Optional<SweepRun.Start> start() throws IOException {
        Path file = new Path(dir, START);
        if (!fs.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoreJson.GSON.fromJson(StoreFiles.read(fs, file), SweepRun.Start.class));
        } catch (RuntimeException e) {
            throw new IOException(
                    "invalid sweep start " + file + ": " + e.getMessage() + "; delete " + dir
                            + " to restart the sweep from the latest version",
                    e);
        }
    }

    /** Where the running iteration of {@code task} saves its state. */
    public IterationCheckpoint iteration(String task) {
        return IterationCheckpoint.in(fs, new Path(dir, TASK_PREFIX + task));
    }

    /** The saved state of every running iteration, by task. */
    public Map<String, IterationState> iterations() throws IOException {
        Map<String, IterationState> states = new TreeMap<>();
        if (!fs.exists(dir)) {
            return states;
        }
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (status.isDirectory() && name.startsWith(TASK_PREFIX)) {
                String task = name.substring(TASK_PREFIX.length());
                iteration(task).load().ifPresent(state -> states.put(task, state));
            }
        }
        return states;
    }
}
