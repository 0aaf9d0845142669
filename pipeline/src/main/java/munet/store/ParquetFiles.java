package munet.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import munet.system.MutationProbabilities;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Whole-file Parquet reads and writes of example {@link Group} rows, the store's small tables (and
 * the small tables the report reads beside a store). Every failure names the file, so a truncated
 * or foreign file is reported as such.
 */
public final class ParquetFiles {
    private ParquetFiles() {}

    static SimpleGroupFactory rows(MessageType schema) {
        return new SimpleGroupFactory(schema);
    }

    /** Writes {@code rows} to {@code file}, replacing any file already there. */
    static void write(FileSystem fs, Path file, MessageType schema, List<Group> rows) throws IOException {
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(fs.makeQualified(file))
                .withConf(fs.getConf())
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot write Parquet file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The Parquet files under {@code dir} (at any depth) whose names start with {@code prefix}; none if it does not exist. */
    public static List<Path> filesUnder(FileSystem fs, Path dir, String prefix) throws IOException {
        List<Path> files = new ArrayList<>();
        if (fs.exists(dir)) {
            RemoteIterator<LocatedFileStatus> listing = fs.listFiles(dir, true);
            while (listing.hasNext()) {
                Path file = listing.next().getPath();
                if (file.getName().startsWith(prefix) && file.getName().endsWith(".parquet")) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** Every row of {@code file}. */
    public static List<Group> read(FileSystem fs, Path file) throws IOException {
        if (!fs.exists(file)) {
            throw new IOException("Parquet file " + file + " is missing");
        }
        Configuration conf = fs.getConf();
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), fs.makeQualified(file))
                .withConf(conf)
                .build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "cannot read Parquet file " + file + " (corrupt or truncated?): " + e.getMessage(), e);
        }
        return rows;
    }

    /** A string field of a row, or null when the optional field is absent. */
    static String optionalString(Group row, String field) {
        return row.getFieldRepetitionCount(field) == 0 ? null : row.getString(field, 0);
    }

    /**
     * The Parquet schema of the mutation probabilities column, a map from action to probability;
     * optional, because tables written before paths carried probabilities lack it.
     */
    static final String MUTATION_PROBABILITIES = """
        optional group mutation_probabilities (MAP) {
          repeated group key_value {
            required binary key (UTF8);
            required double value;
          }
        }""";

    static void addMutationProbabilities(Group row, MutationProbabilities probabilities) {
        Group map = row.addGroup("mutation_probabilities");
        probabilities
                .byAction()
                .forEach((action, p) ->
                        map.addGroup("key_value").append("key", action).append("value", p));
    }

    /** The row's mutation probabilities; none in a table written before the column existed. */
    static MutationProbabilities mutationProbabilities(Group row) {
        if (!row.getType().containsField("mutation_probabilities")
                || row.getFieldRepetitionCount("mutation_probabilities") == 0) {
            return MutationProbabilities.NONE;
        }
        Group map = row.getGroup("mutation_probabilities", 0);
        TreeMap<String, Double> byAction = new TreeMap<>();
        for (int i = 0; i < map.getFieldRepetitionCount("key_value"); i++) {
            Group entry = map.getGroup("key_value", i);
            byAction.put(entry.getString("key", 0), entry.getDouble("value", 0));
        }
        return new MutationProbabilities(byAction);
    }

    /** Every value of a repeated string field, in order. */
    static List<String> strings(Group row, String field) {
        int count = row.getFieldRepetitionCount(field);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(row.getString(field, i));
        }
        return values;
    }
}
