package munet.system;

import java.util.Objects;

/**
 * A classification task of the system. The name is the task's identity everywhere (paths,
 * owners, history); {@code datasetUri} locates its Parquet dataset.
 */
public record Task(String name, int numClasses, boolean isPrivate, String datasetUri) implements java.io.Serializable {

    /** The pseudo-owner of the root model's components; never a real task name. */
    public static final String ROOT = "root";

    public Task {
        Objects.requireNonNull(name, "task name");
        if (name.isBlank() || name.equals(ROOT)) {
            throw new IllegalArgumentException("task name must be non-empty and not '" + ROOT + "': '" + name + "'");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("task '" + name + "' needs at least 2 classes, got " + numClasses);
        }
        Objects.requireNonNull(datasetUri, "dataset uri of task " + name);
    }
}
