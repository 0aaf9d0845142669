package munet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import munet.system.Task;

/**
 * One entry of {@code munet.tasks}. The number of classes is not configured: the job reads it
 * from the dataset and makes the {@link Task} with {@link #toTask(int)}.
 */
public record TaskEntry(String name, String dataset, boolean isPrivate) {
    private static final Set<String> KEYS = Set.of("name", "dataset", "private");

    public Task toTask(int numClasses) {
        return new Task(name, numClasses, isPrivate, dataset);
    }

    static List<TaskEntry> parseAll(Config config) {
        List<TaskEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<? extends ConfigValue> values = config.getList("munet.tasks");
        ConfigChecks.require(
                !values.isEmpty(),
                "munet.tasks",
                "is empty: list the tasks to evolve, e.g. munet.tasks = [{name = digits, dataset = \"file:/data/digits\"}]");
        for (int i = 0; i < values.size(); i++) {
            String path = "munet.tasks[" + i + "]";
            ConfigChecks.require(
                    values.get(i).valueType() == ConfigValueType.OBJECT,
                    path,
                    "must be an object {name, dataset, private}");
            TaskEntry entry = parse(((ConfigObject) values.get(i)).toConfig(), path);
            ConfigChecks.require(names.add(entry.name()), path + ".name", "repeats task name '" + entry.name() + "'");
            entries.add(entry);
        }
        return List.copyOf(entries);
    }

    private static TaskEntry parse(Config entry, String path) {
        for (String key : entry.root().keySet()) {
            ConfigChecks.require(
                    KEYS.contains(key), path + "." + key, "is not a task setting; use name, dataset and private");
        }
        try {
            String name = entry.getString("name");
            ConfigChecks.require(
                    name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") && !name.equals(Task.ROOT),
                    path + ".name",
                    "'" + name + "' must be letters, digits, '_', '.' or '-' (and not '" + Task.ROOT + "')");
            String dataset = entry.getString("dataset");
            ConfigChecks.require(!dataset.isBlank(), path + ".dataset", "is empty");
            return new TaskEntry(name, dataset, entry.hasPath("private") && entry.getBoolean("private"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }
}
