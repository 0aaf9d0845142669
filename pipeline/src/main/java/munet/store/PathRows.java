package munet.store;

import java.util.HashSet;
import java.util.Set;
import munet.system.Component;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Rows of {@code paths.parquet}: one per root path ({@code role = root}) and per task's best path
 * ({@code role = best}). The parameter counts are derived columns for queries (score =
 * {@code validation_quality * base ^ (accounted_params / root_params)}); loading ignores them.
 */
final class PathRows {
    static final String ROOT = "root";
    static final String BEST = "best";
    static final MessageType SCHEMA =
            MessageTypeParser.parseMessageType("""
      message path {
        required binary role (UTF8);
        required binary id (UTF8);
        required binary task (UTF8);
        repeated binary component_ids (UTF8);
        repeated binary component_names (UTF8);
        required binary hparams (UTF8);
        optional binary parent_id (UTF8);
        required double validation_quality;
        required double test_quality;
        optional binary test_digest (UTF8);
        required int64 total_params;
        required int64 trainable_params;
        required double accounted_params;
        required int64 root_params;
      """ + ParquetFiles.MUTATION_PROBABILITIES + "\n}");

    private PathRows() {}

    static Group toRow(SimpleGroupFactory factory, String role, Path path, SystemState state) {
        Group row =
                factory.newGroup().append("role", role).append("id", path.id()).append("task", path.task());
        path.componentIds().forEach(id -> row.add("component_ids", id));
        path.componentNames().forEach(name -> row.add("component_names", name));
        row.add("hparams", StoreJson.hparamsToJson(path.hparams()));
        if (path.parentId() != null) {
            row.add("parent_id", path.parentId());
        }
        row.add("validation_quality", path.quality());
        row.add("test_quality", path.testQuality());
        if (path.testDigest() != null) {
            row.add("test_digest", path.testDigest());
        }
        long total = 0;
        long trainable = 0;
        double accounted = 0;
        for (String id : path.componentIds()) {
            Component component = state.component(id);
            total += component.paramCount();
            trainable += component.isTrainableFor(path.task()) ? component.paramCount() : 0;
            accounted += component.paramCount() / (double) sharers(component, path.task());
        }
        row.append("total_params", total)
                .append("trainable_params", trainable)
                .append("accounted_params", accounted)
                .append("root_params", state.rootParams());
        ParquetFiles.addMutationProbabilities(row, path.mutationProbabilities());
        return row;
    }

    /** |owners ∪ {task} \ {root}|, at least 1: the tasks a component's size is split between. */
    private static int sharers(Component component, String task) {
        Set<String> sharers = new HashSet<>(component.owners());
        sharers.add(task);
        sharers.remove(Task.ROOT);
        return Math.max(1, sharers.size());
    }

    static Path fromRow(Group row, String source) {
        return new Path(
                row.getString("id", 0),
                row.getString("task", 0),
                ParquetFiles.strings(row, "component_ids"),
                ParquetFiles.strings(row, "component_names"),
                StoreJson.hparamsFromJson(row.getString("hparams", 0), source),
                ParquetFiles.optionalString(row, "parent_id"),
                row.getDouble("validation_quality", 0),
                row.getDouble("test_quality", 0),
                ParquetFiles.optionalString(row, "test_digest"),
                ParquetFiles.mutationProbabilities(row));
    }
}
