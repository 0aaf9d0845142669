package munet.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import munet.evolution.GenerationDiagnostics;
import munet.evolution.IterationDiagnostics;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The diagnostics of every finished task iteration, one row each, partitioned like the candidate
 * history: {@code <store>/history/iterations/task=<t>/pass=<p>/version-<base>.parquet}. A resumed
 * iteration rewrites its own file. {@code improved_share} and {@code validation_test_gap} are
 * derived columns for queries; reading ignores them.
 */
public final class IterationHistory {
    private static final String PREFIX = "version-";
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message iteration {
        required binary task (UTF8);
        required int32 pass;
        required int64 base_version;
        required binary committed_path_id (UTF8);
        required int32 lineage_depth;
        required int64 lineage_images;
        required double validation_quality;
        required double test_quality;
        required double validation_test_gap;
        required double improved_share;
        repeated group generations {
          required int32 generation;
          required int32 candidates;
          required int32 with_own_parent;
          required int32 improved_on_own_parent;
          required int32 selected;
          required int32 trainable_components;
          required int32 cloned_components;
          required int64 images_trained;
        }
      }""");

    private final FileSystem fs;
    private final Path dir;

    public IterationHistory(FileSystem fs, Path storeRoot) {
        this.fs = fs;
        this.dir = new Path(storeRoot, "history/iterations");
    }

    /** Writes one finished iteration's row, if {@code fence} still holds the lease. */
    public void write(LeaseFence fence, IterationDiagnostics iteration) throws IOException {
        SimpleGroupFactory factory = ParquetFiles.rows(SCHEMA);
        Group row = factory.newGroup()
                .append("task", iteration.task())
                .append("pass", iteration.pass())
                .append("base_version", iteration.baseVersion())
                .append("committed_path_id", iteration.committedPathId())
                .append("lineage_depth", iteration.lineageDepth())
                .append("lineage_images", iteration.lineageImages())
                .append("validation_quality", iteration.validationQuality())
                .append("test_quality", iteration.testQuality())
                .append("validation_test_gap", iteration.validationTestGap())
                .append("improved_share", iteration.improvedShare());
        for (GenerationDiagnostics g : iteration.generations()) {
            row.addGroup("generations")
                    .append("generation", g.generation())
                    .append("candidates", g.candidates())
                    .append("with_own_parent", g.withOwnParent())
                    .append("improved_on_own_parent", g.improvedOnOwnParent())
                    .append("selected", g.selected())
                    .append("trainable_components", g.trainableComponents())
                    .append("cloned_components", g.clonedComponents())
                    .append("images_trained", g.imagesTrained());
        }
        Path partition = new Path(
                dir, "task=" + CandidateHistory.partitionValue(iteration.task()) + "/pass=" + iteration.pass());
        Path target = new Path(partition, String.format("%s%012d.parquet", PREFIX, iteration.baseVersion()));
        StoreFiles.replace(fs, target, fence, temp -> ParquetFiles.write(fs, temp, SCHEMA, List.of(row)));
    }

    /** Every finished iteration, in the order of the versions they started from. */
    public List<IterationDiagnostics> read() throws IOException {
        List<IterationDiagnostics> iterations = new ArrayList<>();
        for (Path file : ParquetFiles.filesUnder(fs, dir, PREFIX)) {
            for (Group row : ParquetFiles.read(fs, file)) {
                iterations.add(fromRow(row));
            }
        }
        iterations.sort(Comparator.comparingLong(IterationDiagnostics::baseVersion));
        return iterations;
    }

    private static IterationDiagnostics fromRow(Group row) {
        List<GenerationDiagnostics> generations = new ArrayList<>();
        for (int i = 0; i < row.getFieldRepetitionCount("generations"); i++) {
            Group g = row.getGroup("generations", i);
            generations.add(new GenerationDiagnostics(
                    g.getInteger("generation", 0),
                    g.getInteger("candidates", 0),
                    g.getInteger("with_own_parent", 0),
                    g.getInteger("improved_on_own_parent", 0),
                    g.getInteger("selected", 0),
                    g.getInteger("trainable_components", 0),
                    g.getInteger("cloned_components", 0),
                    g.getLong("images_trained", 0)));
        }
        return new IterationDiagnostics(
                row.getString("task", 0),
                row.getInteger("pass", 0),
                row.getLong("base_version", 0),
                generations,
                row.getString("committed_path_id", 0),
                row.getInteger("lineage_depth", 0),
                row.getLong("lineage_images", 0),
                row.getDouble("validation_quality", 0),
                row.getDouble("test_quality", 0));
    }
}
