package munet.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.system.Component;
import munet.system.ComponentKind;
import munet.system.SystemState;
import munet.system.Task;
import munet.system.VitArchitecture;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** The files of one version directory: three Parquet tables and the architecture as JSON. */
final class VersionTables {
    static final String TASKS = "tasks.parquet";
    static final String COMPONENTS = "components.parquet";
    static final String PATHS = "paths.parquet";
    static final String ARCHITECTURE = "architecture.json";
    /** In the order a commit writes them. */
    static final List<String> FILES = List.of(TASKS, COMPONENTS, PATHS, ARCHITECTURE);

    private static final MessageType TASK_SCHEMA = MessageTypeParser.parseMessageType("""
      message task {
        required binary name (UTF8);
        required int32 num_classes;
        required boolean private;
        required binary dataset_uri (UTF8);
      }""");
    private static final MessageType COMPONENT_SCHEMA = MessageTypeParser.parseMessageType("""
      message component {
        required binary id (UTF8);
        required binary name (UTF8);
        required binary kind (UTF8);
        repeated int32 shape;
        required int64 param_count;
        repeated binary owners (UTF8);
      }""");

    private VersionTables() {}

    static void write(FileSystem fs, Path dir, String file, SystemState state) throws IOException {
        Path target = new Path(dir, file);
        switch (file) {
            case TASKS -> ParquetFiles.write(fs, target, TASK_SCHEMA, taskRows(state));
            case COMPONENTS -> ParquetFiles.write(fs, target, COMPONENT_SCHEMA, componentRows(state));
            case PATHS -> ParquetFiles.write(fs, target, PathRows.SCHEMA, pathRows(state));
            case ARCHITECTURE -> {
                try (OutputStream out = fs.create(target, true)) {
                    out.write(StoreJson.GSON.toJson(state.architecture()).getBytes(StandardCharsets.UTF_8));
                }
            }
            default -> throw new IllegalArgumentException("no version table named " + file);
        }
    }

    static SystemState read(FileSystem fs, Path dir, long version) throws IOException {
        try {
            return readValid(fs, dir, version);
        } catch (IllegalArgumentException e) {
            throw new IOException("version " + version + " in " + dir + " holds invalid values: " + e.getMessage(), e);
        }
    }

    private static SystemState readValid(FileSystem fs, Path dir, long version) throws IOException {
        Map<String, Task> tasks = new LinkedHashMap<>();
        for (Group row : rows(fs, dir, TASKS)) {
            Task task = new Task(
                    row.getString("name", 0),
                    row.getInteger("num_classes", 0),
                    row.getBoolean("private", 0),
                    row.getString("dataset_uri", 0));
            tasks.put(task.name(), task);
        }
        Map<String, Component> components = new LinkedHashMap<>();
        for (Group row : rows(fs, dir, COMPONENTS)) {
            List<Integer> shape = new ArrayList<>();
            for (int i = 0; i < row.getFieldRepetitionCount("shape"); i++) {
                shape.add(row.getInteger("shape", i));
            }
            Component component = new Component(
                    row.getString("id", 0),
                    row.getString("name", 0),
                    ComponentKind.valueOf(row.getString("kind", 0)),
                    shape,
                    row.getLong("param_count", 0),
                    new HashSet<>(ParquetFiles.strings(row, "owners")));
            components.put(component.id(), component);
        }
        Map<String, munet.system.Path> bestPaths = new LinkedHashMap<>();
        List<munet.system.Path> rootPaths = new ArrayList<>();
        String pathsSource = new Path(dir, PATHS).toString();
        for (Group row : rows(fs, dir, PATHS)) {
            munet.system.Path path = PathRows.fromRow(row, pathsSource);
            if (row.getString("role", 0).equals(PathRows.ROOT)) {
                rootPaths.add(path);
            } else {
                bestPaths.put(path.task(), path);
            }
        }
        return new SystemState(version, architecture(fs, dir), tasks, components, bestPaths, rootPaths);
    }

    private static List<Group> rows(FileSystem fs, Path dir, String file) throws IOException {
        return ParquetFiles.read(fs, new Path(dir, file));
    }

    private static VitArchitecture architecture(FileSystem fs, Path dir) throws IOException {
        Path file = new Path(dir, ARCHITECTURE);
        String json = StoreFiles.read(fs, file);
        try {
            return StoreJson.GSON.fromJson(json, VitArchitecture.class);
        } catch (RuntimeException e) {
            throw new IOException("invalid architecture file " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Group> taskRows(SystemState state) {
        SimpleGroupFactory factory = ParquetFiles.rows(TASK_SCHEMA);
        return state.tasks().values().stream()
                .map(task -> (Group) factory.newGroup()
                        .append("name", task.name())
                        .append("num_classes", task.numClasses())
                        .append("private", task.isPrivate())
                        .append("dataset_uri", task.datasetUri()))
                .toList();
    }

    private static List<Group> componentRows(SystemState state) {
        SimpleGroupFactory factory = ParquetFiles.rows(COMPONENT_SCHEMA);
        List<Group> rows = new ArrayList<>();
        for (Component component : state.components().values()) {
            Group row = factory.newGroup()
                    .append("id", component.id())
                    .append("name", component.name())
                    .append("kind", component.kind().name());
            component.shape().forEach(size -> row.add("shape", size));
            row.add("param_count", component.paramCount());
            component.sortedOwners().forEach(owner -> row.add("owners", owner));
            rows.add(row);
        }
        return rows;
    }

    private static List<Group> pathRows(SystemState state) {
        SimpleGroupFactory factory = ParquetFiles.rows(PathRows.SCHEMA);
        List<Group> rows = new ArrayList<>();
        state.rootPaths().forEach(path -> rows.add(PathRows.toRow(factory, PathRows.ROOT, path, state)));
        state.bestPaths().values().forEach(path -> rows.add(PathRows.toRow(factory, PathRows.BEST, path, state)));
        return rows;
    }
}
