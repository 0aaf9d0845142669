package munet.jobs.spark;

import com.typesafe.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import munet.config.TaskEntry;
import munet.jobs.StoreJob;
import munet.jobs.UserError;
import munet.system.Task;

/** The configured tasks as registered tasks: each dataset's class count read from its metadata. */
public final class TaskDatasets {
    private TaskDatasets() {}

    public static List<Task> resolve(List<TaskEntry> entries, Config config) throws IOException {
        List<Task> tasks = new ArrayList<>();
        for (TaskEntry entry : entries) {
            String dataset = StoreJob.absolute(entry.dataset());
            tasks.add(new TaskEntry(entry.name(), dataset, entry.isPrivate())
                    .toTask(numClasses(dataset, "task " + entry.name(), config)));
        }
        return tasks;
    }

    /** Classes of the dataset at {@code uri}; {@code what} names it in the error a user sees. */
    public static int numClasses(String uri, String what, Config config) throws IOException {
        try {
            return DatasetFrames.reader(SparkSessions.hadoopConfiguration(), uri, config)
                    .metadata()
                    .numClasses();
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(
                    what + ": cannot read dataset " + uri + ": " + e.getMessage()
                            + " (create one with munet generate-benchmark or munet import-dataset)",
                    e);
        }
    }
}
